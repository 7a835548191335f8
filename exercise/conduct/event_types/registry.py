"""The one registry of event payload models (filled by the modules of this package)."""

from __future__ import annotations

from exercise.conduct.event_types.base import Registry

REGISTRY = Registry()
