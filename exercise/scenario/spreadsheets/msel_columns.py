"""The MSEL columns: inject fields, their HSEEP-style headers and the names planners use."""

from __future__ import annotations

from exercise.scenario.spreadsheets.columns import FieldSpec

MSEL_FIELDS: tuple[FieldSpec, ...] = (
    FieldSpec("id", "No.", ("#", "Inject #", "Inject No", "Inject ID", "Event #", "Seq No",
                            "Seq", "Serial", "Serial No", "MSEL #", "MSEL No", "MSEL ID", "ID",
                            "編號", "序號", "項次", "狀況編號", "狀況序號")),
    FieldSpec("time", "Scenario Time", ("Time", "Designated Scenario Time",
                                        "Date/Time Delivered", "Delivery Time", "Date and Time",
                                        "Date/Time", "Trigger Time", "Inject Time", "時間",
                                        "狀況時間", "發布時間", "想定時間", "時序", "演練時間")),
    FieldSpec("module", "Module", ("Phase", "Module/Phase", "模組", "階段", "單元")),
    FieldSpec("from", "From", ("Originator", "Originator (From)", "Sender", "Source",
                               "發送單位", "發送者", "發布單位", "發訊單位", "來源", "發送")),
    FieldSpec("to", "To", ("Recipient", "Recipients", "Recipient (To)", "Player", "Players",
                           "Target", "Addressee", "接收單位", "接收者", "受訊單位", "對象", "接收")),
    FieldSpec("channel", "Delivery Method", ("Method", "Mode", "Channel", "Delivery Mode",
                                             "Delivery Channel", "方式", "傳遞方式", "通訊方式",
                                             "傳達方式", "管道")),
    FieldSpec("type", "Inject Type", ("Type", "Event Type", "類型", "狀況類型", "種類")),
    FieldSpec("title", "Subject", ("Title", "Headline", "Inject Title", "Event", "主旨",
                                   "標題", "狀況標題", "狀況名稱"), localised=True),
    FieldSpec("message", "Inject Description", ("Inject", "Message", "Event Description",
                                                "Script", "Description", "Event Synopsis",
                                                "Synopsis", "Content", "Inject Text",
                                                "狀況內容", "內容", "訊息", "狀況描述", "狀況說明",
                                                "訊息內容"), localised=True),
    FieldSpec("expected_actions", "Expected Player Action",
              ("Expected Player Actions", "Expected Action", "Expected Actions",
               "Expected Outcome", "Expected Outcomes", "Expected Response", "預期行動",
               "預期作為", "預期反應", "預期處置", "預期結果"), localised=True),
    FieldSpec("expected_contacts", "Expected Contacts", ("Expected Contact", "預期聯繫",
                                                         "預期聯絡")),
    FieldSpec("objectives", "Objective", ("Objectives", "Core Capability", "Core Capabilities",
                                          "Objective / Core Capability", "Exercise Objective",
                                          "目標", "演練目標", "核心能力")),
    FieldSpec("critical_tasks", "Critical Tasks", ("Critical Task", "關鍵任務")),
    FieldSpec("facilitator_notes", "Controller Notes", ("Notes", "Note", "Facilitator Notes",
                                                        "Remarks", "Comments", "備註",
                                                        "控制官備註", "注意事項"), localised=True),
    FieldSpec("contingency", "Contingency", ("Contingency Inject", "備用狀況", "備援狀況")),
    FieldSpec("day", "Day", ("Day No", "Exercise Day", "Scenario Day", "日", "天", "日次", "第幾天",
                             "演練日")),
    FieldSpec("options", "Options", ("Decision Options", "Choices", "選項", "決策選項", "方案")),
    FieldSpec("effects", "Effects", ("Effect", "Infrastructure Effects", "World Effects", "影響",
                                     "效果", "狀況影響", "設施影響")),
    FieldSpec("after", "After", ("After Inject", "Follows", "Trigger", "接續", "前置狀況",
                                 "接在")),
    FieldSpec("no_ack", "If Not Acknowledged By", ("If not acknowledged", "Unless acknowledged by",
                                                   "No Ack By", "若未確認", "未確認時限",
                                                   "未回覆時限")),
)

# At least one column of each group must be mapped.
MSEL_REQUIRED: tuple[tuple[str, ...], ...] = (("time",), ("from",), ("to",), ("message", "title"))

MSEL_FIELD_NAMES = tuple(spec.name for spec in MSEL_FIELDS)
