"""Signed download links for KYC documents: what the signature covers, and its checks.

A link grants one document to the user it was issued to until its expiry (Unix seconds); the
signature covers all three, so changing any of them (or the signature) breaks it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from uuid import UUID

from domain.kyc.documents import DocumentId, LinkExpired, LinkInvalid
from usecases.shared.ports.link_signer import LinkSigner

PURPOSE = "kyc-document"


@dataclass(frozen=True, slots=True)
class DocumentLink:
    document_id: DocumentId
    viewer: UUID
    expires: int
    signature: str

    @property
    def expires_at(self) -> datetime:
        return datetime.fromtimestamp(self.expires, tz=UTC)


def _message(document_id: UUID, viewer: UUID, expires: int) -> str:
    return f"{PURPOSE}\x00{document_id}\x00{viewer}\x00{expires}"


def sign_link(
    signer: LinkSigner, document_id: DocumentId, viewer: UUID, expires: int
) -> DocumentLink:
    signature = signer.sign(_message(document_id, viewer, expires))
    return DocumentLink(document_id, viewer, expires, signature)


def check_link(signer: LinkSigner, link: DocumentLink, *, now: datetime) -> None:
    """Raises ``LinkInvalid`` for a link this platform did not sign as it stands (checked
    first, so a forged expiry is 'invalid', not 'expired'), ``LinkExpired`` after expiry."""
    if not signer.verify(_message(link.document_id, link.viewer, link.expires), link.signature):
        raise LinkInvalid("this download link is not valid; ask for a new one")
    if now.timestamp() >= link.expires:
        raise LinkExpired("this download link has expired; ask for a new one")
