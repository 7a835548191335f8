"""Streamlit entry: the scenario library."""

from __future__ import annotations

import streamlit as st

from exercise.scenario.loader import load_pack
from exercise.scenario.summary import summarize
from exercise.ui.settings import scenarios_dir

st.set_page_config(page_title="Exercise facilitator", layout="wide")


@st.cache_data(show_spinner=False)
def _library(folder: str) -> list[tuple[str, object]]:
    from pathlib import Path

    return [(p.name, load_pack(p)) for p in sorted(Path(folder).glob("*.yaml"))]


st.title("Scenario library")
packs = _library(str(scenarios_dir()))
if not packs:
    st.info(f"No scenario packs in {scenarios_dir()}.")
for name, result in packs:
    if result.ok:
        s = summarize(result.pack)
        with st.expander(f"{s.title} — {', '.join(s.hazards)}"):
            st.text(s.summary)
            st.text(
                f"{s.agencies} agencies · {s.links} links · {s.modules} modules · "
                f"{s.injects} injects · {s.objectives} objectives"
            )
    else:
        with st.expander(f"{name}: {len(result.errors)} error(s)"):
            st.code("\n".join(str(p) for p in result.errors), language=None)
