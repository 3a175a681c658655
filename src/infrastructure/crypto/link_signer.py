"""HMAC-SHA256 link signatures under a key derived from ``SECRET_KEY`` (HKDF, its own label).
Rotating ``SECRET_KEY`` only invalidates links still outstanding, which live minutes."""

from __future__ import annotations

import base64
import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO = b"meridian signed links v1"


def derive_link_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(secret.encode())


class HmacLinkSigner:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("a link-signing key needs at least 256 bits")
        self._key = key

    def sign(self, message: str) -> str:
        digest = hmac.new(self._key, message.encode(), hashlib.sha256).digest()
        return base64.urlsafe_b64encode(digest).rstrip(b"=").decode()

    def verify(self, message: str, signature: str) -> bool:
        # bytes, so any string a client sends (non-ASCII included) is simply not equal
        return hmac.compare_digest(self.sign(message).encode(), signature.encode())
