"""Reading an uploaded CSV file: bounded, UTF-8."""

from __future__ import annotations

from typing import Final, Protocol

from domain.shared.errors import invalid_field

MAX_CSV_BYTES: Final = 1024 * 1024  # the request body limit (MAX_BODY_BYTES) stops larger first


class Upload(Protocol):
    """A file being received (FastAPI's ``UploadFile`` is one)."""

    async def read(self, size: int = -1) -> bytes: ...


async def read_csv(upload: Upload, limit: int = MAX_CSV_BYTES) -> str:
    parts: list[bytes] = []
    total = 0
    while part := await upload.read(64 * 1024):
        total += len(part)
        if total > limit:
            raise invalid_field("file", f"over the limit of {limit} bytes", code="file_too_large")
        parts.append(part)
    try:
        return b"".join(parts).decode("utf-8")
    except UnicodeDecodeError:
        raise invalid_field("file", "must be UTF-8 text", code="not_utf8") from None
