"""The columns every stored PDF of the cap table keeps (certificates, transfer agreements):
where the documents port put the file, under which key version, and its size."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Protocol

from usecases.shared.ports.document_store import StoredFile


class StoredFileRow(Protocol):
    document_key: str
    key_version: str
    size_bytes: int


def stored_file(row: StoredFileRow | None) -> StoredFile | None:
    return None if row is None else StoredFile(row.document_key, row.key_version, row.size_bytes)


def stored_columns(stored: StoredFile, now: datetime) -> dict[str, Any]:
    return {
        "document_key": stored.key,
        "key_version": stored.key_version,
        "size_bytes": stored.size_bytes,
        "created_at": now,
    }
