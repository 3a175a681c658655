"""Field cipher port: authenticated encryption of sensitive values at rest."""

from __future__ import annotations

from typing import Protocol


class FieldCipher(Protocol):
    def encrypt(self, plaintext: bytes, *, context: bytes) -> str:
        """A self-describing token (key version inside). ``context`` binds the ciphertext to
        its record (e.g. ``b"totp:<user id>"``): decrypting under another context fails."""
        ...

    def decrypt(self, token: str, *, context: bytes) -> bytes: ...

    def needs_rotation(self, token: str) -> bool:
        """True when the token was sealed under a key other than the current one."""
        ...
