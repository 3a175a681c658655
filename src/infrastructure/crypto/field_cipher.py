"""AES-256-GCM field encryption under versioned keys.

Token format: ``<key id>.<base64url(nonce ‖ ciphertext ‖ tag)>``. The first configured key
seals; every configured key opens, so keys rotate without downtime."""

from __future__ import annotations

import base64
import binascii
import os
from collections.abc import Mapping

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives.ciphers.aead import AESGCM

NONCE_BYTES = 12
KEY_BYTES = 32


class CipherError(Exception):
    """A token that cannot be opened: unknown key, tampering, or the wrong context."""


def parse_keys(spec: str) -> dict[str, bytes]:
    """``id:base64key,id:base64key`` (first = current) → ordered mapping of 32-byte keys."""
    keys: dict[str, bytes] = {}
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        key_id, sep, encoded = item.partition(":")
        if not sep or not key_id.isalnum():
            raise ValueError(f"field key {key_id!r}: expected '<id>:<base64 key>'")
        try:
            key = base64.b64decode(encoded, validate=True)
        except binascii.Error:
            raise ValueError(f"field key {key_id!r} is not valid base64") from None
        if len(key) != KEY_BYTES:
            raise ValueError(f"field key {key_id!r} must be {KEY_BYTES} bytes, got {len(key)}")
        keys[key_id] = key
    if not keys:
        raise ValueError("FIELD_ENCRYPTION_KEYS holds no key")
    return keys


class AesGcmFieldCipher:
    def __init__(self, keys: Mapping[str, bytes]) -> None:
        if not keys:
            raise ValueError("at least one key is required")
        self._keys = {key_id: AESGCM(key) for key_id, key in keys.items()}
        self._current = next(iter(keys))

    @property
    def current_key_id(self) -> str:
        return self._current

    def encrypt(self, plaintext: bytes, *, context: bytes) -> str:
        nonce = os.urandom(NONCE_BYTES)
        sealed = self._keys[self._current].encrypt(nonce, plaintext, context)
        return f"{self._current}.{base64.urlsafe_b64encode(nonce + sealed).decode()}"

    def decrypt(self, token: str, *, context: bytes) -> bytes:
        key_id, _, body = token.partition(".")
        aead = self._keys.get(key_id)
        if aead is None:
            raise CipherError(f"unknown key id {key_id!r}")
        try:
            raw = base64.urlsafe_b64decode(body.encode())
            return aead.decrypt(raw[:NONCE_BYTES], raw[NONCE_BYTES:], context)
        except (InvalidTag, binascii.Error, ValueError):
            raise CipherError("the token was tampered with or belongs to another record") from None

    def needs_rotation(self, token: str) -> bool:
        return token.partition(".")[0] != self._current
