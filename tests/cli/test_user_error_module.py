"""`UserError` lives in its own module (issue #15, Also): the sub-commands import it at the top,
the old `exercise.cli.UserError` still names the same class, and a user mistake is still one
line on stderr with exit status 2."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

import exercise.cli
from exercise.cli import main
from exercise.cli.errors import UserError

CLI = Path(exercise.cli.__file__).parent


def test_the_old_name_is_the_same_class() -> None:
    assert exercise.cli.UserError is UserError


def test_no_sub_command_imports_user_error_inside_a_function() -> None:
    late = []
    for path in sorted(CLI.glob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                for inner in ast.walk(node):
                    if isinstance(inner, ast.ImportFrom) and inner.module in ("exercise.cli", "exercise.cli.errors") \
                            and any(alias.name == "UserError" for alias in inner.names):
                        late.append(f"{path.name}:{inner.lineno}")
    assert late == []


def test_a_mistake_is_one_line_and_status_two(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    missing = tmp_path / "nowhere.yaml"
    assert main(["rehearse", str(missing)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and err[0].startswith("exercise: ") and "nowhere.yaml" in err[0]
