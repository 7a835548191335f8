"""The command line stands on the domain, not on the pages: validating a broken pack in
Chinese makes its problems' sentences (exercise/scenario/problem_words.py) without loading
Streamlit."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from tests.cli.test_cli_zh import BROKEN

PROGRAM = """
import sys
from exercise.cli import main
code = main(["--lang", "zh-TW", "validate", sys.argv[1]])
print("streamlit" in sys.modules, code)
"""


def test_validate_in_chinese_does_not_load_streamlit(tmp_path: Path) -> None:
    pack = tmp_path / "broken.yaml"
    pack.write_text(BROKEN, encoding="utf-8")
    done = subprocess.run([sys.executable, "-c", PROGRAM, str(pack)], capture_output=True, text=True,
                          check=False, timeout=120, cwd=Path(__file__).parents[2])
    assert "Traceback" not in done.stderr and "1 個錯誤" in done.stderr
    *_, last = done.stdout.splitlines()
    assert last == "False 1"  # the broken pack was refused, its problems worded, without Streamlit
    assert "：錯誤：" in done.stdout  # a problem line, in Chinese
