"""Masked forms of sensitive numbers: only the last digits stay visible."""

from __future__ import annotations


def mask(value: str, visible: int, width: int | None = None) -> str:
    """``value`` with all but its last ``visible`` characters as ``X``, padded to ``width``."""
    hidden = (width or len(value)) - visible
    return "X" * hidden + value[-visible:]
