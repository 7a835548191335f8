"""Report headings and column names in English and Traditional Chinese."""

from __future__ import annotations

_LABELS: dict[str, dict[str, str]] = {
    "report_title": {"en": "After-Action Report / Improvement Plan", "zh-TW": "演練檢討報告／改進計畫"},
    "overview": {"en": "Exercise Overview", "zh-TW": "演練概述"},
    "name": {"en": "Exercise name", "zh-TW": "演練名稱"},
    "dates": {"en": "Dates", "zh-TW": "日期"},
    "scope": {"en": "Scope", "zh-TW": "範圍"},
    "hazards": {"en": "Threat or hazard", "zh-TW": "災害類型"},
    "scenario": {"en": "Scenario", "zh-TW": "情境"},
    "objectives": {"en": "Objectives", "zh-TW": "演練目標"},
    "core_capabilities": {"en": "Core capabilities", "zh-TW": "核心能力"},
    "participating": {"en": "Participating organizations", "zh-TW": "參演單位"},
    "simulated": {"en": "Simulated agencies (voiced by the facilitator)",
                  "zh-TW": "模擬單位（由引導人扮演）"},
    "simulated_note": {
        "en": "Only the agencies played at a table are measured. Injects to simulated agencies "
              "were voiced by the facilitator: {agencies}.",
        "zh-TW": "僅統計由桌次扮演的單位；發給模擬單位的狀況由引導人扮演：{agencies}。",
    },
    "all_played": {"en": "All tables", "zh-TW": "全部桌次"},
    "facilitator": {"en": "Facilitator", "zh-TW": "引導人"},
    "evaluators": {"en": "Evaluators", "zh-TW": "評核人員"},
    "sources": {"en": "Scenario sources", "zh-TW": "情境資料來源"},
    "analysis": {"en": "Analysis of Core Capabilities", "zh-TW": "核心能力分析"},
    "objective": {"en": "Objective", "zh-TW": "目標"},
    "core_capability": {"en": "Core Capability", "zh-TW": "核心能力"},
    "strengths": {"en": "Strengths", "zh-TW": "優點"},
    "areas_for_improvement": {"en": "Areas for Improvement", "zh-TW": "待改進事項"},
    "rationale": {"en": "Rating rationale", "zh-TW": "評等理由"},
    "not_rated": {"en": "not rated", "zh-TW": "未評等"},
    "ratings_key": {
        "en": "P: performed without challenges; S: with some challenges; M: with major challenges; "
              "U: unable to be performed.",
        "zh-TW": "P：順利完成；S：完成但有部分挑戰；M：完成但有重大挑戰；U：無法完成。",
    },
    "improvement_plan": {"en": "Appendix A: Improvement Plan", "zh-TW": "附錄A：改進計畫"},
    "issue": {"en": "Issue / Area for Improvement", "zh-TW": "問題／待改進事項"},
    "corrective_action": {"en": "Corrective Action", "zh-TW": "改正措施"},
    "capability_element": {"en": "Capability Element", "zh-TW": "能力要素"},
    "primary_organization": {"en": "Primary Responsible Organization", "zh-TW": "主責單位"},
    "poc": {"en": "Organization POC", "zh-TW": "聯絡人"},
    "start_date": {"en": "Start Date", "zh-TW": "開始日期"},
    "completion_date": {"en": "Completion Date", "zh-TW": "完成日期"},
    "no_items": {"en": "None recorded.", "zh-TW": "無紀錄。"},
    "timeline": {"en": "Timeline of Play", "zh-TW": "演練時序"},
    "time": {"en": "Scenario time", "zh-TW": "情境時間"},
    "time_at": {"en": "Day {day} {clock} ({elapsed})", "zh-TW": "第 {day} 天 {clock}（{elapsed}）"},
    "event": {"en": "Event", "zh-TW": "事件"},
    "actor": {"en": "By", "zh-TW": "執行者"},
    "detail": {"en": "Detail", "zh-TW": "內容"},
    "timeline_cut": {
        "en": "{shown} of {total} entries are shown: every inject, decision and failure first. "
              "The events CSV holds them all.",
        "zh-TW": "共 {total} 筆紀錄，此處列出 {shown} 筆（優先列出所有狀況、決策與失敗）。完整紀錄見事件 CSV 檔。",
    },
    "responses": {"en": "Response Metrics by Agency", "zh-TW": "各單位應變指標"},
    "agency": {"en": "Agency", "zh-TW": "單位"},
    "received": {"en": "Injects received", "zh-TW": "收到狀況數"},
    "acknowledged": {"en": "Acknowledged", "zh-TW": "已確認"},
    "to_ack": {"en": "Median min. to acknowledge", "zh-TW": "確認時間中位數（分）"},
    "to_action": {"en": "Median min. to first action", "zh-TW": "首次行動時間中位數（分）"},
    "unanswered": {"en": "Unanswered", "zh-TW": "未回應"},
    "expected_contacts": {"en": "Expected contacts made", "zh-TW": "預期聯繫達成"},
    "messages": {"en": "Messages sent / failed", "zh-TW": "訊息發送／失敗"},
    "communications": {"en": "Appendix C: Communications Annex", "zh-TW": "附錄C：通訊分析"},
    "coverage": {"en": "Coverage of the contact plan", "zh-TW": "聯繫計畫涵蓋率"},
    "coverage_text": {
        "en": "{used} of {planned} planned links were used ({share}).",
        "zh-TW": "{planned} 條計畫聯繫中有 {used} 條被使用（{share}）。",
    },
    "planned_graph": {"en": "Planned contact graph", "zh-TW": "計畫聯繫網路"},
    "observed_graph": {"en": "Observed contact graph", "zh-TW": "實際聯繫網路"},
    "unused_links": {"en": "Planned links never used", "zh-TW": "未使用的計畫聯繫"},
    "emergent_links": {"en": "Emergent (unplanned) links", "zh-TW": "計畫外新生聯繫"},
    "coordinators": {"en": "Who coordinated", "zh-TW": "實際協調者"},
    "unreachable": {"en": "Periods when agencies were unreachable", "zh-TW": "單位無法聯繫期間"},
    "slices": {"en": "Contacts by module", "zh-TW": "各階段聯繫"},
    "feedback": {"en": "Participant Feedback Summary", "zh-TW": "參演人員回饋摘要"},
    "responses_count": {"en": "Responses: {n}", "zh-TW": "回覆份數：{n}"},
    "hot_wash": {"en": "Hot Wash", "zh-TW": "演練後立即檢討"},
    "participants": {"en": "Appendix B: Exercise Participants", "zh-TW": "附錄B：參演人員"},
    "by_tier": {"en": "Agencies by tier (central to community, then others)",
                "zh-TW": "各層級機關數（由中央至社區，其後為非政府單位）"},
    "table": {"en": "Table", "zh-TW": "桌次"},
    "level": {"en": "Level", "zh-TW": "層級"},
    "sector": {"en": "Sector", "zh-TW": "功能"},
    "question": {"en": "Question", "zh-TW": "題目"},
    "average": {"en": "Average (1–5)", "zh-TW": "平均（1–5）"},
    "comment": {"en": "Comment", "zh-TW": "意見"},
}


def label(key: str, lang: str, **values: object) -> str:
    entry = _LABELS[key]
    text = entry.get(lang) or entry["en"]
    return text.format(**values) if values else text


def label_keys() -> set[str]:
    return set(_LABELS)


def languages_complete() -> dict[str, list[str]]:
    """Keys missing per language (a test keeps this empty)."""
    return {lang: [k for k, v in _LABELS.items() if lang not in v] for lang in ("en", "zh-TW")}
