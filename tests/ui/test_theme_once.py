"""Streamlit's theme sections are read once per configuration, not on every script run
(exercise/ui/theme_once.py), and read again when the configuration is parsed again."""

from __future__ import annotations

from typing import Any

from exercise.ui import theme_once


def test_theme_sections_are_read_once_until_the_configuration_is_parsed_again() -> None:
    asked: list[str] = []
    values = {"theme": {"primaryColor": "#0b5394"}, "server": {"port": 8501}}

    def original(section: str) -> dict[str, Any]:
        asked.append(section)
        return dict(values[section])

    read = theme_once._theme_sections_once(original)
    theme_once._forget()
    for _ in range(3):
        assert read("theme") == {"primaryColor": "#0b5394"}
        assert read("server") == {"port": 8501}
    assert asked == ["theme", "server", "server", "server"]  # other sections as before
    read("theme")["primaryColor"] = "red"  # a caller changing its copy changes nothing kept
    values["theme"]["primaryColor"] = "#38761d"
    assert read("theme") == {"primaryColor": "#0b5394"}
    theme_once._forget()  # what Streamlit's config-parsed signal calls
    assert read("theme") == {"primaryColor": "#38761d"}
    theme_once._forget()


def test_installed_it_answers_what_streamlit_would() -> None:
    from streamlit import config

    theme_once._forget()
    assert theme_once.read_theme_once()
    assert theme_once.read_theme_once()  # once per process
    (original,) = theme_once._installed
    assert config.get_options_for_section is not original
    for section in ("theme", "theme.light", "theme.dark.sidebar", "server", "client"):
        assert config.get_options_for_section(section) == original(section)
