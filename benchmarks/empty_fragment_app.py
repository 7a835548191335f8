"""The baseline of bench_live.py: a Streamlit page whose only part is a fragment that reruns every
second and draws nothing. Its server CPU per rerun is the least any polling part can cost."""

import streamlit as st


@st.fragment(run_every=1.0)
def nothing() -> None:
    pass


nothing()
