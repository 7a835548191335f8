"""Tables of sentences: `st.dataframe` draws a grid whose cells cut long text off at one line;
these are drawn with `st.table`, whose cells wrap. `st.table` reads Markdown in cells, so every
header and cell is escaped and shows as typed."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import pandas as pd
import streamlit as st

from exercise.ui.widgets import plain


def text_table(rows: Sequence[Mapping[str, object]]) -> None:
    """Rows of the same keys as a table whose long cells wrap."""
    if not rows:
        return
    frame = pd.DataFrame([{plain(str(key)): plain(str(value)) for key, value in row.items()}
                          for row in rows])
    st.table(frame, hide_index=True)
