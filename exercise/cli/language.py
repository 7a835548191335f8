"""The language the `exercise` command speaks: a sub-command's own `--lang`, else the global
`exercise --lang`, else the environment (`EXERCISE_LANG`, else a Traditional Chinese locale in
`LC_ALL` or `LANG`), else English. Every line the command prints is made by the `Translator`
of that language from the one catalogue (`cli.*` keys in exercise/locales/cli.*.json)."""

from __future__ import annotations

import argparse
import errno
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING

from exercise.i18n import Translator, catalogue, translator
from exercise.scenario.problems import Problem
from exercise.scenario.text import DEFAULT_LANGUAGE, LANGUAGES

if TYPE_CHECKING:  # openpyxl is loaded only by the commands that read spreadsheets
    from exercise.scenario.spreadsheets.tables import SheetProblem

ENVIRONMENT = "EXERCISE_LANG"
CHINESE_LOCALES = ("zh_TW", "zh_Hant", "zh-TW", "zh-Hant")


def language_option(parser: argparse.ArgumentParser, dest: str = "lang", help: str | None = None) -> None:
    """`--lang` with the product's languages (default: decided in `resolve_language`)."""
    parser.add_argument("--lang", dest=dest, default=None, choices=LANGUAGES,
                        help=help or "language of what is printed (default: the global --lang, "
                        f"else {ENVIRONMENT}, else LANG)")


def language_from_environment(environ: Mapping[str, str]) -> str:
    """`EXERCISE_LANG` when it names a language; else zh-TW when the locale (`LC_ALL`, which
    overrides `LANG`) is Traditional Chinese; else English."""
    chosen = environ.get(ENVIRONMENT, "").strip().replace("_", "-")
    if chosen in LANGUAGES:
        return chosen
    locale = environ.get("LC_ALL") or environ.get("LANG") or ""
    if locale.startswith(CHINESE_LOCALES) and "zh-TW" in LANGUAGES:
        return "zh-TW"
    return DEFAULT_LANGUAGE


def resolve_language(args: argparse.Namespace, environ: Mapping[str, str]) -> str:
    own = getattr(args, "lang", None)
    return own or getattr(args, "global_lang", None) or language_from_environment(environ)


def words(args: object) -> Translator:
    """The translator of a parsed command (English for a namespace made by hand)."""
    return translator(getattr(args, "lang", None))


def problem_text(problem: Problem | SheetProblem, t: Translator) -> str:
    """A pack or spreadsheet problem as one located line: the domain's own English line in
    English, else the sentence the catalogue makes from the problem's code (`problem.*`)."""
    if t.lang == DEFAULT_LANGUAGE:
        return str(problem)
    if not isinstance(problem, Problem):
        return _sheet_problem(problem, t)
    from exercise.scenario.problem_words import problem_line  # the one place problems become words

    return problem_line(problem, t)


def _sheet_problem(problem: SheetProblem, t: Translator) -> str:
    from exercise.scenario.spreadsheets.words import problem_line  # the sentence by its code

    return problem_line(problem, t)


def listed(items: Iterable[object], t: Translator) -> str:
    """Items joined as the language writes a list (`a, b` or `a、b`)."""
    return t("cli.sep").join(str(item) for item in items)


def code_word(t: Translator, prefix: str, value: str) -> str:
    """A pack code (`county`, `tabletop`) as written in English, or its catalogue word."""
    return value if t.lang == DEFAULT_LANGUAGE else t(f"{prefix}.{value}")


OS_REASONS = {errno.ENOENT: "no_such_file", errno.EACCES: "permission", errno.EISDIR: "is_a_folder",
              errno.ENOTDIR: "not_a_folder", errno.ENOSPC: "disk_full", errno.EROFS: "read_only"}


def os_reason(exc: BaseException, t: Translator) -> str:
    """Why a file could not be read or written: the system's words in English (as before),
    the catalogue's for the common reasons in another language."""
    if isinstance(exc, UnicodeDecodeError) and t.lang != DEFAULT_LANGUAGE:
        return t("cli.os.not_utf8")
    if isinstance(exc, OSError):
        code = OS_REASONS.get(exc.errno or 0)
        if t.lang != DEFAULT_LANGUAGE and code:
            return t(f"cli.os.{code}")
        return str(exc.strerror or exc)
    return str(exc)


def language_in_arguments(argv: Sequence[str]) -> str | None:
    """The language asked for on the command line, read before parsing so that `--help` is
    already in it: the last `--lang` wins (a command's own comes after the global one)."""
    found = None
    for index, item in enumerate(argv):
        if item == "--lang" and index + 1 < len(argv):
            found = argv[index + 1]
        elif item.startswith("--lang="):
            found = item.partition("=")[2]
    return found if found in LANGUAGES else None


def translate_help(parser: argparse.ArgumentParser, t: Translator, path: str = "cli.help") -> None:
    """The help texts of `parser` and its sub-commands in `t`'s language (`cli.help.<command>.
    <option>`). A text whose English in the catalogue is not the code's own is left as written,
    so a help changed in the code is never replaced by an outdated translation."""
    english = catalogue(DEFAULT_LANGUAGE)

    def translated(key: str, text: str | None) -> str | None:
        return t(key) if text and english.get(key) == text else text

    parser.description = translated(f"{path}.description", parser.description)
    parser.formatter_class = _formatter(t("cli.help.usage"))
    parser._positionals.title = t("cli.help.positionals")
    parser._optionals.title = t("cli.help.options")
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for choice in action._choices_actions:
                choice.help = translated(f"{path}.{choice.dest.replace('-', '_')}.summary", choice.help)
            for name, sub in action.choices.items():
                translate_help(sub, t, f"{path}.{name.replace('-', '_')}")
        elif action.dest == "help":
            action.help = translated("cli.help.help", action.help)
        elif action.help and action.help != argparse.SUPPRESS:
            action.help = translated(f"{path}.{action.dest}", action.help)


def display_width(text: str) -> int:
    """Columns `text` takes in a terminal: Chinese characters and full-width punctuation take two."""
    return sum(2 if unicodedata.east_asian_width(char) in "WF" else 1 for char in text)


def ljust(text: str, width: int) -> str:
    """`text` padded on the right to `width` terminal columns (`f"{text:<width}"` for Latin text)."""
    return text + " " * max(0, width - display_width(text))


def rjust(text: str, width: int) -> str:
    """`text` padded on the left to `width` terminal columns (`f"{text:>width}"` for Latin text)."""
    return " " * max(0, width - display_width(text)) + text


def _formatter(usage: str) -> type[argparse.HelpFormatter]:
    """argparse's formatter with the word before the usage line in the reader's language."""

    class Localized(argparse.HelpFormatter):
        def add_usage(self, text: str | None, actions: Iterable[argparse.Action],
                      groups: Iterable[argparse._MutuallyExclusiveGroup], prefix: str | None = None) -> None:
            super().add_usage(text, actions, groups, usage if prefix is None else prefix)

    return Localized
