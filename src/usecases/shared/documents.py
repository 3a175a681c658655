"""Documents every context handles alike (KYC, the portfolio): an upload read up to the size
limit and never further, and a stored file opened before its answer starts, so a missing file
is a clean refusal rather than a broken stream."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Final, Protocol

from domain.shared.uploads import FileTooLarge
from usecases.shared.ports.document_store import DocumentStore

CHUNK_BYTES: Final = 64 * 1024


class Upload(Protocol):
    """An uploaded file being received (FastAPI's ``UploadFile`` is one)."""

    async def read(self, size: int = -1) -> bytes: ...


async def read_bounded(upload: Upload, limit: int) -> bytes:
    """The whole upload, refused as soon as it passes ``limit`` bytes (never read further)."""
    parts: list[bytes] = []
    total = 0
    while chunk := await upload.read(CHUNK_BYTES):
        total += len(chunk)
        if total > limit:
            raise FileTooLarge(limit)
        parts.append(chunk)
    return b"".join(parts)


async def _prepend(first: bytes, rest: AsyncIterator[bytes]) -> AsyncIterator[bytes]:
    yield first
    async for chunk in rest:
        yield chunk


async def opened(store: DocumentStore, key: str) -> AsyncIterator[bytes]:
    """The file's decrypted chunks, its first one already read: ``StoredFileMissing`` is
    raised here, before anything is sent."""
    chunks = aiter(store.get(key))
    first = await anext(chunks, b"")
    return _prepend(first, chunks)
