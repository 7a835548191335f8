"""The 32 HSEEP core capabilities (National Preparedness Goal, 2nd edition, 2015), in English
and Traditional Chinese: one list for the pack checks, the design check and the MSEL import."""

from __future__ import annotations

# (English, Traditional Chinese)
CORE_CAPABILITIES: tuple[tuple[str, str], ...] = (
    ("Planning", "規劃"),
    ("Public Information and Warning", "公共資訊與警報"),
    ("Operational Coordination", "作業協調"),
    ("Forensics and Attribution", "鑑識與歸因"),
    ("Intelligence and Information Sharing", "情資與資訊分享"),
    ("Interdiction and Disruption", "攔阻與瓦解"),
    ("Screening, Search, and Detection", "篩檢、搜索與偵測"),
    ("Access Control and Identity Verification", "門禁管制與身分驗證"),
    ("Cybersecurity", "資通安全"),
    ("Physical Protective Measures", "實體防護措施"),
    ("Risk Management for Protection Programs and Activities", "防護計畫與活動之風險管理"),
    ("Supply Chain Integrity and Security", "供應鏈完整與安全"),
    ("Community Resilience", "社區韌性"),
    ("Long-term Vulnerability Reduction", "長期脆弱度降低"),
    ("Risk and Disaster Resilience Assessment", "風險與災害韌性評估"),
    ("Threats and Hazards Identification", "威脅與危害辨識"),
    ("Critical Transportation", "關鍵運輸"),
    ("Environmental Response/Health and Safety", "環境應變／衛生與安全"),
    ("Fatality Management Services", "罹難者處理服務"),
    ("Fire Management and Suppression", "火災管理與撲滅"),
    ("Infrastructure Systems", "基礎設施系統"),
    ("Logistics and Supply Chain Management", "後勤與供應鏈管理"),
    ("Mass Care Services", "大規模照護服務"),
    ("Mass Search and Rescue Operations", "大規模搜救作業"),
    ("On-scene Security, Protection, and Law Enforcement", "現場安全、防護與執法"),
    ("Operational Communications", "作業通訊"),
    ("Public Health, Healthcare, and Emergency Medical Services", "公共衛生、醫療照護與緊急醫療服務"),
    ("Situational Assessment", "狀況評估"),
    ("Economic Recovery", "經濟復原"),
    ("Health and Social Services", "衛生與社會服務"),
    ("Housing", "住宅"),
    ("Natural and Cultural Resources", "自然與文化資源"),
)
