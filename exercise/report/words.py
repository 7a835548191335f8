"""The report's names for the domain's codes (hazards, agency levels, capabilities, roles…), all
from the package catalogue (`exercise/locales/aar.*.json`); a code the catalogue does not know
is shown as written."""

from __future__ import annotations

import re

from exercise.conduct.evaluation import (
    FEEDBACK_ROLES,
    FEEDBACK_STATEMENTS,
    HOTWASH_KINDS,
    PRIORITIES,
)
from exercise.i18n import Translator
from exercise.report.model import CAPABILITY_ELEMENTS
from exercise.scenario.capabilities import CORE_CAPABILITIES
from exercise.scenario.models import AgencyLevel, Hazard

_CAPABILITY = {" ".join(name.split()).casefold(): english
               for english, chinese in CORE_CAPABILITIES for name in (english, chinese)}
_LEVELS = frozenset(level.value for level in AgencyLevel)
_HAZARDS = frozenset(hazard.value for hazard in Hazard)
HOT_WASH_TAGS = HOTWASH_KINDS
REQUEST_STATES = ("open", "committed", "partly_committed", "refused")  # records.ResourceRequest
ACTORS = ("facilitator", "scheduler")
_EVALUATOR = re.compile(r"Evaluator (\d+)")  # the label conduct.sessions gives evaluator codes


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.casefold()).strip("_")


def hazard(t: Translator, code: str) -> str:
    return t(f"aar.hazard.{code}") if code in _HAZARDS else code.replace("_", " ")


def level(t: Translator, code: str) -> str:
    return t(f"aar.level.{code}") if code in _LEVELS else code


def capability(t: Translator, name: str) -> str:
    """An HSEEP core capability in the report's language, whichever language the pack or the
    facilitator wrote it in; any other capability as written."""
    english = _CAPABILITY.get(" ".join(name.split()).casefold())
    return t(f"aar.capability.{slug(english)}") if english else name


def element(t: Translator, name: str) -> str:
    return t(f"aar.element.{name.lower()}") if name in CAPABILITY_ELEMENTS else name


def statement(t: Translator, key: str) -> str:
    return t(f"feedback.statement.{key}") if key in FEEDBACK_STATEMENTS else key


def role(t: Translator, name: str) -> str:
    return t(f"aar.role.{name.lower()}") if name in FEEDBACK_ROLES else name


def priority(t: Translator, name: str) -> str:
    return t(f"aar.priority.{name.lower()}") if name in PRIORITIES else name


def hot_wash_tag(t: Translator, kind: str) -> str:
    return t(f"aar.hotwash.{kind}") if kind in HOT_WASH_TAGS else kind.replace("_", " ")


def request_state(t: Translator, status: str) -> str:
    return t(f"aar.request.{status}") if status in REQUEST_STATES else status


def actor(t: Translator, name: str) -> str:
    """Who held or skipped an inject: the facilitator or the scheduler by name, else as written."""
    return t(f"aar.actor.{name}") if name in ACTORS else name


def evaluator(t: Translator, name: str) -> str:
    """An evaluator's code label ("Evaluator 2") in the report's language."""
    numbered = _EVALUATOR.fullmatch(name)
    return t("aar.evaluator_n", number=numbered.group(1)) if numbered else name


def listing(t: Translator, items: list[str] | tuple[str, ...]) -> str:
    """Short items: "typhoon, landslide" / "颱風、坡地崩塌"."""
    return t("aar.list_separator").join(items)


def semicolons(t: Translator, items: list[str] | tuple[str, ...]) -> str:
    """Names that may hold commas themselves: "A; B" / "A；B"."""
    return t("aar.semicolon_separator").join(items)
