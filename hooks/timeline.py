"""Stub: replaced by the timeline hook (issue 5)."""

from __future__ import annotations
