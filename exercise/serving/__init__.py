"""Serving the app as several processes: N Streamlit workers on one PostgreSQL behind HAProxy
(`exercise serve --workers N`), or only the proxy in front of app hosts on other machines.

`proxy` writes HAProxy's configuration from the template beside it; `workers` starts and
watches one Streamlit process; `supervisor` starts everything, restarts a worker that dies and
stops everything on Ctrl-C. Messages are catalogue keys (`ServingError`, the `say` callback):
the command line words them."""

from exercise.serving.errors import ServingError

__all__ = ["ServingError"]
