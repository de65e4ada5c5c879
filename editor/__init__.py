"""Longhand: an offline-first desktop blog editor."""

__version__ = "0.1.0"
