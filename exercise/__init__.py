"""Tabletop civic-resilience exercise facilitator."""

__version__ = "0.1.0"
