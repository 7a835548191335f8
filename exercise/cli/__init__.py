"""The `exercise` command: one sub-command per module in this package."""

from __future__ import annotations

import argparse
import importlib
import os
import sys
from collections.abc import Sequence

from exercise import __version__
from exercise.cli.errors import UserError
from exercise.cli.language import (
    language_from_environment,
    language_in_arguments,
    language_option,
    resolve_language,
    translate_help,
    words,
)
from exercise.i18n import translator
from exercise.scenario.text import DEFAULT_LANGUAGE

__all__ = ["COMMAND_MODULES", "UserError", "build_parser", "main"]

# Each module has register(subparsers) that adds its sub-commands with a `handler`.
COMMAND_MODULES = (
    "exercise.cli.conduct",
    "exercise.cli.network",
    "exercise.cli.pack",
    "exercise.cli.serve",
    "exercise.cli.authoring",
    "exercise.cli.report",
    "exercise.cli.drill",
    "exercise.cli.doctor",
    "exercise.cli.newpack",
    "exercise.cli.importing",
)


def build_parser(lang: str = DEFAULT_LANGUAGE) -> argparse.ArgumentParser:
    """The `exercise` command and its sub-commands, with help texts in `lang`."""
    parser = argparse.ArgumentParser(
        prog="exercise",
        description="Tabletop civic-resilience exercise facilitator.",
    )
    parser.add_argument("--version", action="version", version=f"exercise {__version__}")
    language_option(parser, dest="global_lang",
                    help="language of what every command prints (default: EXERCISE_LANG, else "
                    "zh-TW when LC_ALL or LANG is zh_TW or zh_Hant, else en); a command's own "
                    "--lang wins")
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in COMMAND_MODULES:
        importlib.import_module(name).register(subparsers)
    if lang != DEFAULT_LANGUAGE:
        translate_help(parser, translator(lang))
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(language_in_arguments(argv) or language_from_environment(os.environ))
    args = parser.parse_args(argv)
    args.lang = resolve_language(args, os.environ)
    if not getattr(args, "handler", None):
        parser.print_help()
        return 2
    try:
        return int(args.handler(args) or 0)
    except UserError as exc:
        print(words(args)("cli.error", message=exc), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
