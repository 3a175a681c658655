"""HMAC-SHA256 blind index. The key is ``BLIND_INDEX_KEY`` or, when unset, derived from
``SECRET_KEY`` with HKDF; changing it means recomputing every stored index."""

from __future__ import annotations

import hashlib
import hmac

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

INFO = b"meridian blind index v1"


def derive_index_key(secret: str) -> bytes:
    return HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO).derive(secret.encode())


class HmacBlindIndex:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("a blind-index key needs at least 256 bits")
        self._key = key

    def index(self, value: str, *, kind: str) -> str:
        message = f"{kind}\x00{value}".encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()
