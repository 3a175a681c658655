"""Blind index port: a keyed, deterministic digest of a sensitive value, so "is this Aadhaar or
PAN already used by another account?" can be asked without decrypting anything."""

from __future__ import annotations

from typing import Protocol


class BlindIndex(Protocol):
    def index(self, value: str, *, kind: str) -> str:
        """The same ``value`` of the same ``kind`` always gives the same digest; different kinds
        never collide by construction."""
        ...
