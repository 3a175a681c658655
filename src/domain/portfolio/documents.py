"""Documents attached to an investment: statements, tax documents, agreements. The upload
rules are KYC's (``domain/shared/uploads.py``): the type comes from the bytes, never from the
name or the declared type, and must be PDF, JPEG or PNG; the size is bounded; the file is
sealed in the document store and only its key is kept here."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Final
from uuid import UUID

from domain.shared.content_type import ContentType, sniff
from domain.shared.errors import FieldError, NotFound, ValidationFailed
from domain.shared.ids import UserId
from domain.shared.uploads import UnsupportedFile

ACCEPTED: Final = frozenset({ContentType.PDF, ContentType.JPEG, ContentType.PNG})
TITLE_MAX: Final = 200


class InvestmentDocumentKind(StrEnum):
    STATEMENT = "statement"  # a capital account or NAV statement
    TAX_DOCUMENT = "tax_document"  # a K-1, a tax certificate
    AGREEMENT = "agreement"  # a subscription or side letter, a purchase agreement


@dataclass(frozen=True, slots=True, kw_only=True)
class InvestmentDocument:
    id: UUID
    owner_id: UserId
    investment_id: UUID
    kind: InvestmentDocumentKind
    title: str
    content_type: ContentType
    size_bytes: int
    sha256: str
    storage_key: str
    key_version: str
    uploaded_at: datetime


class InvestmentDocumentNotFound(NotFound):
    code = "investment_document_not_found"
    title = "No such document"

    def __init__(self, document_id: UUID | str) -> None:
        super().__init__(f"no document {document_id} that you can see")


def checked_title(title: str) -> str:
    cleaned = title.strip()
    if not cleaned or len(cleaned) > TITLE_MAX:
        raise ValidationFailed(
            "title: must be 1 to 200 characters",
            errors=[FieldError("title", f"must be 1 to {TITLE_MAX} characters", "invalid")],
        )
    return cleaned


def check_content(data: bytes) -> ContentType:
    """The type of ``data`` from its first bytes, if it is one an investment document may be."""
    detected = sniff(data)
    if detected is None or detected not in ACCEPTED:
        raise UnsupportedFile("the content is not one of JPEG, PDF, PNG", reason="unsupported_type")
    return detected
