"""A document printed once: the first download renders it and stores the file, every later one
reads the stored file. Two first downloads at once both render; the first to remember its file
wins, and the other deletes its own and answers with the winner's, so one file is ever kept."""

from __future__ import annotations

from collections.abc import Awaitable, Callable

from usecases.shared.ports.document_store import DocumentStore, StoredFile

# Remember the stored file in a transaction of the caller's: ``None`` when it was kept, else
# the file another download remembered first.
Remember = Callable[[StoredFile], Awaitable[StoredFile | None]]


async def read_stored(documents: DocumentStore, stored: StoredFile) -> bytes:
    return b"".join([chunk async for chunk in documents.get(stored.key)])


async def keep_first(documents: DocumentStore, pdf: bytes, remember: Remember) -> bytes:
    """Store ``pdf`` and remember it; the bytes the kept file holds."""
    put = await documents.put(pdf)
    earlier = await remember(put)
    if earlier is None:
        return pdf
    await documents.delete(put.key)
    return await read_stored(documents, earlier)
