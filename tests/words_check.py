"""Finding English left in Traditional Chinese output.

A zh-TW page, report or command output may keep Latin letters only in what is not a word of the
product: ids (`EQ-01`, `sat-phone`), names from the pack, quoted user text, times (`T+03:00`)
and the acronyms the field uses in Chinese too (EOC, HSEEP, SMS…). Everything else in Latin
letters is a sentence that was not translated.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from exercise.scenario.models import ScenarioPack

# Acronyms and brand names that Taiwanese emergency managers write in Latin letters.
KEPT_IN_LATIN = frozenset({
    "AAR", "IP", "EOC", "CEOC", "HSEEP", "MSEL", "SMS", "PBS", "CBS", "PWS", "LINE", "GPS", "HF",
    "VHF", "UHF", "TETRA", "PDF", "HTML", "Word", "DOCX", "CSV", "XLSX", "YAML", "JSON", "URL",
    "QR", "ID", "OK", "NGO", "NCDR", "NFA", "NCC", "EMIC", "PSAP", "ICS", "IC", "UTC", "LTE",
    "WiFi", "Wi", "Fi", "TV", "AM", "FM", "PM", "DOT", "PNG", "SVG", "API", "HQ", "ICU", "ER",
    "EMS", "EMT", "CPR", "AED", "MCI", "ESF", "FEMA", "IAP", "SITREP", "COP", "PIO", "JIC",
    "LNO", "DMAT", "USAR", "NGOs", "Taipower", "CHT", "PTT", "ATM", "UPS", "PoE", "SOP",
    "BCP", "KPI", "Monte", "Carlo", "EMON", "Drabek", "T", "P", "S", "M", "U", "N/A",
    # file formats and the program that opens them, named as written (like PDF and Word)
    "Excel", "Markdown", "GraphML",
    # the host name a person types or sees in an address
    "localhost",
})

_LATIN_WORD = re.compile(r"[A-Za-z][A-Za-z'’]+")
# ids: with a separator or a digit, or a long random token (join codes, session ids: letters only
# now and then)
_ID_LIKE = re.compile(r"[A-Za-z0-9]*[-_./:@][A-Za-z0-9_./:@-]*|[A-Za-z]+\d[\w-]*|[A-Za-z0-9]{20,}")
_QUOTED = re.compile(r"「[^」]*」|“[^”]*”|\"[^\"]*\"|『[^』]*』")


_NAME_FIELDS = frozenset({"id", "name", "short_name", "title"})


def pack_names(pack: ScenarioPack) -> set[str]:
    """The Latin words of the pack's ids and names in every language (a name may be shown as
    written, e.g. `Taipower`); never its sentences, which a zh-TW page must show in Chinese."""
    words: set[str] = set()

    def walk(value: object, named: bool) -> None:
        if isinstance(value, str):
            if named:
                words.update(_LATIN_WORD.findall(value))
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, named or key in _NAME_FIELDS)
        elif isinstance(value, list):
            for item in value:
                walk(item, named)

    walk(pack.model_dump(mode="json"), False)
    return words


def english_left(text: str, allowed: Iterable[str] = ()) -> list[str]:
    """The Latin words of `text` that are none of: an id, a time, quoted text, an allowed name
    or an acronym kept in Latin. An empty list means the text reads as Chinese."""
    keep = KEPT_IN_LATIN | set(allowed)
    text = _QUOTED.sub(" ", text)
    text = _ID_LIKE.sub(" ", text)
    return [word for word in _LATIN_WORD.findall(text)
            if word not in keep and not word.isupper()]
