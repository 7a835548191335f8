"""The design doctor's findings in words, from the catalogue (`locales/doctor.*.json`).

Shared by the CLI and the pages; no Streamlit here. The domain returns codes and parameters;
pack text that travels in the parameters (names, causes) is data and stays as typed.
"""

from __future__ import annotations

from typing import Any

from exercise.design.doctor import Diagnosis
from exercise.design.findings import Finding, Located
from exercise.i18n import Translator


def what(t: Translator, finding: Finding) -> str:
    return t(f"doctor.{finding.code}", **finding.params)


def todo(t: Translator, finding: Finding) -> str:
    if finding.code.startswith("shape."):
        return t("doctor.shape.todo.within" if finding.code.endswith(".within")
                 else "doctor.shape.todo.other")
    return t(f"doctor.{finding.code}.todo", **finding.params)


def finding_line(t: Translator, located: Located) -> str:
    """One finding as a terminal line: where: severity: [rule] what (what to do)."""
    finding = located.finding
    severity = t(f"doctor.severity.{finding.severity.value}")
    rule = t(f"doctor.rule.{finding.rule.value}")
    return f"{located.where}: {severity}: [{rule}] {what(t, finding)} ({todo(t, finding)})"


def finding_record(t: Translator, located: Located) -> dict[str, Any]:
    finding = located.finding
    return {
        "severity": finding.severity.value,
        "rule": finding.rule.value,
        "code": finding.code,
        "file": located.file,
        "line": located.line,
        "column": located.column,
        "path": list(finding.path),
        "params": dict(finding.params),
        "message": what(t, finding),
        "todo": todo(t, finding),
    }


def counts(diagnosis: Diagnosis) -> dict[str, int]:
    out = {"error": 0, "warning": 0, "advice": 0}
    for located in diagnosis.findings:
        out[located.finding.severity.value] += 1
    return out


def diagnosis_record(t: Translator, diagnosis: Diagnosis) -> dict[str, Any]:
    """Everything the doctor found, as plain data for `--format json`."""
    start = diagnosis.start
    return {
        "counts": counts(diagnosis),
        "findings": [finding_record(t, f) for f in diagnosis.findings],
        "load": [
            {"plan": report.plan, "sent": report.sent, "received": report.received,
             "tables": [{"table": x.table, "name": x.name, "agencies": list(x.agencies),
                         "received": x.received, "sent": x.sent, "share": round(x.share, 3),
                         "per_module": x.per_module} for x in report.tables]}
            for report in diagnosis.loads
        ],
        "pacing": [vars(pace) for pace in diagnosis.paces],
        "clock": {
            "start": None if start is None else {
                "day": start.day, "minute": start.minute,
                "date": start.date.isoformat() if start.date else None},
            "injects": [{"inject": c.inject, "scenario_minute": c.scenario_minute, "day": c.day,
                         "minute_of_day": c.minute_of_day, "mentions": list(c.mentions)}
                        for c in diagnosis.clocks],
        },
        "bite": {
            "hub": diagnosis.bite.hub,
            "outages": [{"inject": o.inject, "at": o.at,
                         "lost_links": [list(x) for x in o.lost_links],
                         "cut_off": [list(x) for x in o.cut_off],
                         "expected_contacts_lost": [
                             {"inject": c.inject, "from": c.a, "to": c.b, "at": c.at}
                             for c in o.contacts],
                         "causes": list(o.causes)} for o in diagnosis.bite.outages],
        },
        "shape": [{"measure": m.measure, "value": m.value, "low": m.low, "high": m.high,
                   "position": m.position} for m in diagnosis.shape],
    }
