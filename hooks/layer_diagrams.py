"""Stub: replaced by the ASCII layer diagram converter adapter (issue 3)."""

from __future__ import annotations
