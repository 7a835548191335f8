"""The planned contact graph of a pack and where it is fragile, for the preview."""

from __future__ import annotations

from dataclasses import dataclass

from exercise.network.dot import dot_names, render_dot
from exercise.network.findings import fragility_findings, hub_of
from exercise.network.graph import planned_graph
from exercise.scenario.models import ScenarioPack

# The theme's font stack (exercise/ui/.streamlit/config.toml): graph labels are SVG text, and
# with plain "sans-serif" Chinese names would take the system's CJK font, often Japanese forms.
THEME_FONT = "Source Sans, Exercise Noto Sans TC, sans-serif"


@dataclass(frozen=True)
class GraphView:
    dot: str
    findings: list[tuple[str, str]]  # (kind, sentence)


def planned_view(pack: ScenarioPack, lang: str) -> GraphView:
    """DOT of the contact plan with the agencies named in a finding drawn bold."""
    findings = fragility_findings(pack, lang)
    named = {agency for finding in findings for agency in finding.agencies}
    plan = planned_graph(pack, lang)
    dot = render_dot(plan, lang=lang, highlight=named, names=dot_names(pack, lang, hub_of(plan)))
    dot = dot.replace('fontname="sans-serif"', f'fontname="{THEME_FONT}"')
    return GraphView(dot, [(finding.kind, finding.text) for finding in findings])
