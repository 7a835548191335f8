"""Contact graphs: world state, usable graph, metrics, cascades, what-if, planned vs observed.

Pure Python on networkx; nothing here imports Streamlit or touches a database.
"""
