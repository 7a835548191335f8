"""A hand-built report with known content, for exporter tests."""

from __future__ import annotations

from exercise.report.model import (
    AfterActionReport,
    AgencyResponse,
    CapabilityAnalysis,
    CommunicationsAnnex,
    FeedbackSummary,
    ImprovementItem,
    LinkLine,
    ObjectiveLine,
    Overview,
    Participant,
    TimelineEntry,
)

HOSTILE = '<script>alert("x")</script> [link](javascript:alert(1)) | pipe'


def sample_report(lang: str = "en", png: bytes | None = None) -> AfterActionReport:
    zh = lang == "zh-TW"
    return AfterActionReport(
        lang=lang,
        overview=Overview(
            name="颱風演練" if zh else "Typhoon tabletop",
            dates="2026-11-26",
            scope="Shanlin Township",
            hazards=("typhoon",),
            scenario="上村道路中斷" if zh else "Upper Village is cut off",
            objectives=(ObjectiveLine("OBJ-1", "撤離上村" if zh else "Evacuate Upper Village",
                                      ("Public Information and Warning",)),),
            core_capabilities=("Public Information and Warning",),
            agencies=("南河縣災害應變中心", "Township EOC"),
            facilitator="Facilitator",
            evaluators=("Evaluator A",),
        ),
        capability_analysis=(
            CapabilityAnalysis("OBJ-1", "Public Information and Warning", "S",
                               rationale=("Late but complete",),
                               strengths=("Radio fallback used within 10 minutes",),
                               areas_for_improvement=(HOSTILE,)),
        ),
        improvement_plan=(
            ImprovementItem("Operational Communications", "No satellite phone at the township",
                            "Buy two satellite phones", "Equipment", "山林鄉公所", "Chief Lin",
                            "2026-12-01", "2027-03-31"),
        ),
        timeline=(TimelineEntry("T+00:10", "inject released", "CWA", "Land typhoon warning"),),
        responses=(AgencyResponse("Township EOC", 4, 3, 4.0, 9.5, 1, 2, 3, 5, 1),),
        communications=CommunicationsAnnex(
            coverage=0.5, planned_links=4, used_planned_links=2,
            unused_links=(LinkLine("County EOC", "Red Cross"),),
            emergent_links=(LinkLine("Township EOC", "Telecom", "2 messages"),),
            coordinators=(LinkLine("County EOC", "", "betweenness 0.60 (planned 0.40)"),),
            unreachable_periods=(LinkLine("Upper Village", "", "T+03:00 to T+06:30: mobile down"),),
            module_slices=(LinkLine("M1", "", "3 contacts"),),
            planned_graph_png=png,
        ),
        feedback=FeedbackSummary(2, (("The exercise was well structured", 4.5),),
                                 (("Strengths", "Good radio drill"),)),
        hot_wash=("Radio discipline was good",),
        participants=(Participant("Township EOC", "Table 1", "local", "emergency management"),),
    )
