"""AES-256-GCM for whole files, in segments so a file can be decrypted as a stream.

Layout: ``MRD1 ‖ len(key id) ‖ key id ‖ nonce prefix (7)`` then segments of up to 64 KiB of
plaintext, each sealed with nonce ``prefix ‖ counter (4, big-endian) ‖ last flag (1)`` and the
header as associated data. Each file gets its own data key, derived with HKDF from the
versioned master key (``FIELD_ENCRYPTION_KEYS``) and the file's storage key, so a file moved
to another name, cut short, reordered or re-labelled with another key version fails to open."""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from typing import BinaryIO

from cryptography.exceptions import InvalidTag
from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from cryptography.hazmat.primitives.kdf.hkdf import HKDF

from infrastructure.crypto.field_cipher import CipherError

MAGIC = b"MRD1"
SEGMENT_BYTES = 64 * 1024
TAG_BYTES = 16
PREFIX_BYTES = 7
INFO = b"meridian document v1\x00"


class FileCipher:
    def __init__(self, keys: Mapping[str, bytes]) -> None:
        if not keys:
            raise ValueError("at least one key is required")
        self._keys = dict(keys)
        self._current = next(iter(keys))

    @property
    def current_key_id(self) -> str:
        return self._current

    def _aead(self, key_id: str, file_id: str) -> AESGCM:
        master = self._keys.get(key_id)
        if master is None:
            raise CipherError(f"unknown key id {key_id!r}")
        hkdf = HKDF(algorithm=hashes.SHA256(), length=32, salt=None, info=INFO + file_id.encode())
        return AESGCM(hkdf.derive(master))

    def seal(self, plaintext: bytes, *, file_id: str) -> Iterator[bytes]:
        """The sealed file, header first, a segment at a time."""
        key_id = self._current.encode()
        header = MAGIC + bytes([len(key_id)]) + key_id + os.urandom(PREFIX_BYTES)
        aead = self._aead(self._current, file_id)
        yield header
        prefix = header[-PREFIX_BYTES:]
        starts = range(0, max(len(plaintext), 1), SEGMENT_BYTES)
        for counter, start in enumerate(starts):
            last = start + SEGMENT_BYTES >= len(plaintext)
            nonce = prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
            yield aead.encrypt(nonce, plaintext[start : start + SEGMENT_BYTES], header)

    @staticmethod
    def read_header(stream: BinaryIO) -> tuple[str, bytes]:
        """The key id and the raw header of a sealed file."""
        start = stream.read(len(MAGIC) + 1)
        if len(start) != len(MAGIC) + 1 or not start.startswith(MAGIC):
            raise CipherError("not a sealed document")
        key_id = stream.read(start[-1])
        prefix = stream.read(PREFIX_BYTES)
        if len(key_id) != start[-1] or len(prefix) != PREFIX_BYTES:
            raise CipherError("truncated header")
        return key_id.decode("ascii", "replace"), start + key_id + prefix

    def open(self, stream: BinaryIO, *, file_id: str) -> Iterator[bytes]:
        """The plaintext, a segment at a time; raises ``CipherError`` on any tampering
        (including a file cut at a segment boundary: the last segment is marked)."""
        key_id, header = self.read_header(stream)
        aead = self._aead(key_id, file_id)
        prefix = header[-PREFIX_BYTES:]
        chunk = stream.read(SEGMENT_BYTES + TAG_BYTES)
        counter = 0
        while True:
            following = stream.read(SEGMENT_BYTES + TAG_BYTES)
            last = not following
            nonce = prefix + counter.to_bytes(4, "big") + (b"\x01" if last else b"\x00")
            try:
                plain = aead.decrypt(nonce, chunk, header)
            except InvalidTag:
                raise CipherError("the document was tampered with or truncated") from None
            yield plain
            if last:
                return
            chunk, counter = following, counter + 1
