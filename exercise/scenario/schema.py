"""The published JSON Schema of the scenario-pack format, for editors' autocompletion."""

from __future__ import annotations

import json
from typing import Any

from exercise.scenario.models import FORMAT_VERSION, ScenarioPack

SCHEMA_ID = "https://exercise.invalid/scenario-pack.schema.json"


def pack_json_schema() -> dict[str, Any]:
    schema = ScenarioPack.model_json_schema(by_alias=True, mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": f"Scenario pack (format {FORMAT_VERSION})",
        **{k: v for k, v in schema.items() if k != "title"},
    }


def pack_json_schema_text() -> str:
    return json.dumps(pack_json_schema(), indent=2, ensure_ascii=False, sort_keys=True) + "\n"
