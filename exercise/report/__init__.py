"""After-action report and improvement plan: a model built from the event log, and exporters."""
