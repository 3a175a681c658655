"""HMAC-SHA256 blind index. The key is ``BLIND_INDEX_KEY`` or, when unset (development and
test only), derived from ``SECRET_KEY`` with HKDF; changing it means recomputing every
stored index."""

from __future__ import annotations

import base64
import binascii
import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO = b"meridian blind index v1"
MIN_KEY_BYTES = 32


def derive_index_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(secret.encode())


def parse_index_key(encoded: str) -> bytes:
    """``BLIND_INDEX_KEY``: base64 of at least 32 random bytes."""
    try:
        key = base64.b64decode(encoded.strip(), validate=True)
    except binascii.Error:
        raise ValueError("BLIND_INDEX_KEY is not valid base64") from None
    if len(key) < MIN_KEY_BYTES:
        raise ValueError(f"BLIND_INDEX_KEY must decode to at least {MIN_KEY_BYTES} bytes")
    return key


class HmacBlindIndex:
    def __init__(self, key: bytes) -> None:
        if len(key) < MIN_KEY_BYTES:
            raise ValueError("a blind-index key needs at least 256 bits")
        self._key = key

    def index(self, value: str, *, kind: str) -> str:
        message = f"{kind}\x00{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()
