"""What a file really is, from its first bytes (magic numbers), never from its name or the
``Content-Type`` a client declares."""

from __future__ import annotations

from enum import StrEnum


class ContentType(StrEnum):
    JPEG = "image/jpeg"
    PNG = "image/png"
    PDF = "application/pdf"
    ZIP = "application/zip"


_SIGNATURES: tuple[tuple[bytes, ContentType], ...] = (
    (b"\xff\xd8\xff", ContentType.JPEG),
    (b"\x89PNG\r\n\x1a\n", ContentType.PNG),
    (b"%PDF-", ContentType.PDF),
    (b"PK\x03\x04", ContentType.ZIP),  # a local file header: a ZIP with at least one entry
)

# Enough leading bytes to tell every type above apart.
SNIFF_BYTES = 8


def sniff(head: bytes) -> ContentType | None:
    """The type whose signature ``head`` starts with, or None for anything else."""
    for signature, content_type in _SIGNATURES:
        if head.startswith(signature):
            return content_type
    return None
