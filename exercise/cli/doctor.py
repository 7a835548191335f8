"""`exercise doctor`: how a pack will play, every finding with where it is and what to do."""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from exercise.cli.errors import UserError
from exercise.cli.language import language_option, problem_text, words
from exercise.design.doctor import UnknownTablePlan, diagnose_loaded
from exercise.scenario.loader import load_pack
from exercise.ui.doctor_words import counts, diagnosis_record, finding_line


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "doctor",
        help="check how a pack will play: load, pacing, clock, failures that bite, coherence, shape",
        description=(
            "Check how a valid pack will play. Every finding has a severity (error, warning, "
            "advice), a place (file:line:column) and what to do. Exits 1 when there are errors."
        ),
    )
    parser.add_argument("pack", metavar="PACK", help="scenario pack (YAML)")
    parser.add_argument("--tables", metavar="PLAN",
                        help="check load for this table plan of the pack ('agencies': one table "
                        "per agency); by default the pack's own plans, else one per agency")
    parser.add_argument("--format", choices=["text", "json"], default="text")
    language_option(parser)
    parser.set_defaults(handler=_doctor)


def _doctor(args: argparse.Namespace) -> int:
    t = words(args)
    if not Path(args.pack).is_file():
        raise UserError(t("cli.no_such_pack", file=args.pack))
    result = load_pack(args.pack)
    if not result.ok:
        for problem in result.problems:
            print(problem_text(problem, t), file=sys.stderr)
        raise UserError(t("cli.doctor.not_valid", file=args.pack, errors=len(result.errors)))
    try:
        diagnosis = diagnose_loaded(result, plan=args.tables, lang=args.lang)
    except UnknownTablePlan as exc:
        raise UserError(t("doctor.unknown_plan", plan=exc.plan, known=", ".join(exc.known))) from None
    found = counts(diagnosis)
    if args.format == "json":
        json.dump(diagnosis_record(t, diagnosis), sys.stdout, ensure_ascii=False, indent=1)
        sys.stdout.write("\n")
    else:
        for located in diagnosis.findings:
            print(finding_line(t, located))
        print(t("doctor.summary", file=args.pack, errors=found["error"],
                warnings=found["warning"], advice=found["advice"]))
    return 1 if found["error"] else 0
