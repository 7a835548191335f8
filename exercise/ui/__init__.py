"""Streamlit pages; nothing else in the package imports this."""
