"""Document store port: files kept by an opaque key the store chooses, encrypted at rest.

Shared by every context that keeps files (KYC uploads now, the documents context later). The
caller keeps the key (and the key version, for rotation reports) in its own table."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Protocol


class StoredFileMissing(Exception):
    """No file under that key (never stored, deleted, or not a key this store made)."""


@dataclass(frozen=True, slots=True)
class StoredFile:
    key: str
    key_version: str
    size_bytes: int


class DocumentStore(Protocol):
    @property
    def current_key_version(self) -> str:
        """The key version new files are sealed under."""
        ...

    async def put(self, data: bytes) -> StoredFile:
        """Seal ``data`` under the current key and store it atomically under a new key."""
        ...

    def get(self, key: str) -> AsyncIterator[bytes]:
        """The decrypted content in chunks; raises ``StoredFileMissing``."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the file; a missing one is not an error."""
        ...

    async def key_version(self, key: str) -> str:
        """The key version the stored file is sealed under (read from the file itself)."""
        ...

    async def reseal(self, key: str) -> str:
        """Re-encrypt the file under the current key, atomically, unless it already is; the
        key version it is now under."""
        ...
