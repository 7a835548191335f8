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
STALE_MS = 15_000


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


def _run(page: object) -> list[tuple[str, str]]:
    """Serious and critical axe violations on the page as drawn now, one per element, minus
    the allowed ones: (rule id and selector, `rule-id (impact) selector: what is wrong`)."""
    try:  # an element Streamlit is redrawing is faded out for a moment: audit it drawn
        page.wait_for_function(  # type: ignore[attr-defined]
            "!document.querySelector('[data-stale=\"true\"]')", timeout=STALE_MS)
    except Exception:  # noqa: BLE001 - still redrawing after STALE_MS: audit it as it is
        pass
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
            found.append((f"{violation['id']} {node['target']}",
                          f"{violation['id']} ({violation['impact']}) {node['target']}: "
                          f"{violation['help']} — {node['html']} — {node['summary']}"))
    return found


def audit(page: object) -> list[str]:
    """Serious and critical violations, one line per element. When a first run finds some,
    a second runs a second later and only elements both find are reported: an element
    caught half-drawn by a live part's rerun (faded, or replaced) is not a violation."""
    first = _run(page)
    if not first:
        return []
    page.wait_for_timeout(1_000)  # type: ignore[attr-defined]
    again = {key for key, _ in _run(page)}
    return [line for key, line in first if key in again]
