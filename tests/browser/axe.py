"""axe-core in a Playwright page, offline: the npm package installed by `.ci/system-deps.sh`
into `.cache/axe` is read from disk and injected as a script tag; nothing is fetched.

`audit(page)` returns the serious and critical violations, one line per element, minus the
elements `ALLOWED` names: violations inside Streamlit's own widgets that our code cannot
change. Keep that list short and precise (rule id and a selector of Streamlit's markup); a
violation in our own markup is fixed, never allowed.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
AXE_JS = ROOT / ".cache" / "axe" / "node_modules" / "axe-core" / "axe.min.js"
IMPACTS = ("serious", "critical")


@dataclass(frozen=True)
class Allowed:
    """A violation of Streamlit's own markup: `rule` on an element whose axe selector matches
    `target` (a regular expression), and why it cannot be fixed in our code."""

    rule: str
    target: str
    reason: str


ALLOWED: tuple[Allowed, ...] = ()


def need_axe() -> Path:
    if AXE_JS.exists():
        return AXE_JS
    pytest.skip(f"{AXE_JS.relative_to(ROOT)} is missing: axe-core is installed by "
                "`make system-deps` (npm install of the pinned axe-core), which could not run here")


def allowed(rule: str, target: str) -> Allowed | None:
    return next((entry for entry in ALLOWED
                 if entry.rule == rule and re.search(entry.target, target)), None)


def audit(page: object) -> list[str]:
    """Serious and critical axe violations on the page as drawn now, one line per element:
    `rule-id (impact) selector: what is wrong`, minus the allowed ones."""
    if not page.evaluate("typeof window.axe !== 'undefined'"):  # type: ignore[attr-defined]
        page.add_script_tag(path=str(need_axe()))  # type: ignore[attr-defined]
    violations = page.evaluate(  # type: ignore[attr-defined]
        """async () => {
            const result = await axe.run(document, {resultTypes: ['violations']});
            return result.violations.map(v => ({
                id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(n => ({
                    target: n.target.map(t => Array.isArray(t) ? t.join(' >> ') : t).join(' | '),
                    html: n.html.slice(0, 160),
                    summary: (n.failureSummary || '').replace(/\\s+/g, ' ').slice(0, 200),
                })),
            }));
        }"""
    )
    found = []
    for violation in violations:
        if violation["impact"] not in IMPACTS:
            continue
        for node in violation["nodes"]:
            if allowed(violation["id"], node["target"]):
                continue
            found.append(f"{violation['id']} ({violation['impact']}) {node['target']}: "
                         f"{violation['help']} — {node['html']} — {node['summary']}")
    return found
