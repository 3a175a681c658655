"""HMAC-SHA256 digests of codes and tokens, keyed from SECRET_KEY, compared in constant time."""

from __future__ import annotations

import hashlib
import hmac


class HmacSecretDigest:
    def __init__(self, key: bytes) -> None:
        if len(key) < 32:
            raise ValueError("the digest key needs at least 32 bytes")
        self._key = key

    def digest(self, value: str, *, purpose: str) -> str:
        message = purpose.encode() + b"\x00" + value.encode()
        return hmac.new(self._key, message, hashlib.sha256).hexdigest()

    def matches(self, value: str, digest: str, *, purpose: str) -> bool:
        return hmac.compare_digest(self.digest(value, purpose=purpose), digest)
