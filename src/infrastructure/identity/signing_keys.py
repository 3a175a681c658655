"""HMAC keys: JWT signing keys (with key ids, for rotation) and the digest key, either
configured or derived from SECRET_KEY with HKDF-SHA256 (one purpose, one key)."""

from __future__ import annotations

import base64
import binascii
import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

MIN_KEY_BYTES = 32  # 256 bits: the floor for HS256


def derive_key(secret: str, purpose: str, length: int = 32) -> bytes:
    return HKDF(
        algorithm=hashes.SHA256(), length=length, salt=b"meridian", info=purpose.encode()
    ).derive(secret.encode())


def parse_signing_keys(spec: str) -> dict[str, bytes]:
    """``kid:base64key,kid:base64key`` (first signs) → ordered mapping; refuses short keys."""
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        kid, sep, encoded = item.partition(":")
        if not sep or not kid or not kid.replace("-", "").replace("_", "").isalnum():
            raise ValueError(f"JWT_SIGNING_KEYS entry {kid!r}: expected '<kid>:<base64 key>'")
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ValueError(f"JWT_SIGNING_KEYS key {kid!r} is not valid base64") from None
        if len(key) < MIN_KEY_BYTES:
            raise ValueError(
                f"JWT_SIGNING_KEYS key {kid!r} has {len(key)} bytes; at least {MIN_KEY_BYTES}"
            )
        keys[kid] = key
    if not keys:
        raise ValueError("JWT_SIGNING_KEYS holds no key")
    return keys


@dataclass(frozen=True, slots=True)
class SigningKeys:
    current: str
    keys: Mapping[str, bytes]

    @classmethod
    def from_settings(cls, configured: str | None, secret_key: str) -> SigningKeys:
        if configured:
            keys = parse_signing_keys(configured)
        else:
            key = derive_key(secret_key, "meridian/jwt-signing/v1")
            keys = {"s-" + hashlib.sha256(key).hexdigest()[:12]: key}
        return cls(current=next(iter(keys)), keys=keys)
