"""Link signer port: a keyed signature over what a short-lived link grants (which object, to
whom, until when), so the link itself is the credential and cannot be altered."""

from __future__ import annotations

from typing import Protocol


class LinkSigner(Protocol):
    def sign(self, message: str) -> str:
        """A URL-safe signature of ``message``."""
        ...

    def verify(self, message: str, signature: str) -> bool:
        """True when ``signature`` is this signer's for ``message`` (constant time)."""
        ...
