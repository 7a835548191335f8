"""Every UI string exists in English and Traditional Chinese, and each person's language is
their own."""

from __future__ import annotations

import json
import re

from exercise.i18n import (
    LOCALES,
    catalogue,
    catalogue_files,
    normalize_language,
    placeholders,
    read_catalogue_file,
    translator,
)
from exercise.scenario.text import LANGUAGES

KEY_USE = re.compile(r"""\bt\(\s*f?["']([a-z_][a-z0-9_.{}]*)["']""")


def test_both_languages_have_exactly_the_same_keys() -> None:
    keys = {lang: set(catalogue(lang)) for lang in LANGUAGES}
    assert keys["en"] - keys["zh-TW"] == set(), "missing in zh-TW.json"
    assert keys["zh-TW"] - keys["en"] == set(), "missing in en.json"


def test_translations_keep_the_placeholders_and_are_not_empty() -> None:
    for key, english in catalogue("en").items():
        chinese = catalogue("zh-TW")[key]
        assert english.strip() and chinese.strip(), key
        assert placeholders(english) == placeholders(chinese), key


def test_chinese_catalogue_is_chinese() -> None:
    untranslated = [
        key
        for key, text in catalogue("zh-TW").items()
        if text == catalogue("en")[key]
    ]
    assert untranslated == []


def test_every_key_the_code_uses_exists() -> None:
    from pathlib import Path

    used: set[str] = set()
    prefixes: set[str] = set()
    for path in Path(LOCALES.parent).rglob("*.py"):
        for key in KEY_USE.findall(path.read_text(encoding="utf-8")):
            if "{" in key:
                prefixes.add(key.split("{", 1)[0])
            else:
                used.add(key)
    known = set(catalogue("en"))
    assert used, "no translated string found in exercise/ui"
    assert sorted(used - known) == []
    for prefix in prefixes:
        assert any(k.startswith(prefix) for k in known), prefix


def test_locale_files_are_flat_string_maps_and_never_define_a_key_twice() -> None:
    for lang in LANGUAGES:
        seen: dict[str, str] = {}
        for path in catalogue_files(lang):
            data = json.loads(path.read_text(encoding="utf-8"))
            assert all(isinstance(v, str) for v in data.values()), path.name
            for key in read_catalogue_file(path):
                assert key not in seen, f"{key} is in both {seen.get(key)} and {path.name}"
                seen[key] = path.name


def test_two_people_read_two_languages_at_once() -> None:
    english, chinese = translator("en"), translator("zh-TW")
    assert english("library.title") == "Scenario library"
    assert chinese("library.title") == "情境庫"
    assert english("library.title") == "Scenario library"


def test_a_language_from_the_url_is_checked() -> None:
    assert normalize_language("zh-TW") == "zh-TW"
    for hostile in ("../../etc/passwd", "fr", "", None, ["zh-TW"], "ZH-tw"):
        assert normalize_language(hostile) == "en"


def test_values_fill_placeholders_and_a_missing_value_does_not_crash() -> None:
    t = translator("zh-TW")
    assert t("preview.duration_value", minutes=90) == "90 分鐘"
    assert "{minutes}" in t("preview.duration_value", other=1)


def test_pack_text_follows_the_reader() -> None:
    text = {"en": "Evacuate now", "zh-TW": "立即撤離"}
    assert translator("zh-TW").text(text) == "立即撤離"
    assert translator("en").text(text) == "Evacuate now"
    assert translator("zh-TW").text({"en": "Only English"}) == "Only English"


def test_an_area_file_adds_its_keys_to_the_language(tmp_path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    import exercise.i18n as i18n

    (tmp_path / "en.json").write_text('{"a": "A"}', encoding="utf-8")
    (tmp_path / "desk.en.json").write_text('{"desk.b": "B"}', encoding="utf-8")
    (tmp_path / "desk.zh-TW.json").write_text('{"desk.b": "乙"}', encoding="utf-8")
    monkeypatch.setattr(i18n, "LOCALES", tmp_path)
    i18n.catalogue.cache_clear()
    try:
        assert dict(i18n.catalogue("en")) == {"a": "A", "desk.b": "B"}
    finally:
        monkeypatch.undo()
        i18n.catalogue.cache_clear()
