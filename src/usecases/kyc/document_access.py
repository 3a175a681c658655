"""Who may see a KYC document: its owner and ``kyc:review`` holders. Anyone else is told
it does not exist, exactly as for an unknown id."""

from __future__ import annotations

from domain.kyc.documents import DocumentId, DocumentNotFound, KycDocument
from domain.shared.actor import Actor
from usecases.kyc.access import KYC_REVIEW
from usecases.kyc.ports import KycUnitOfWork


def may_read(actor: Actor, document: KycDocument) -> bool:
    return actor.owns(document.user_id) or actor.may(KYC_REVIEW)


async def readable_document(
    uow: KycUnitOfWork, actor: Actor, document_id: DocumentId
) -> KycDocument:
    document = await uow.documents.get(document_id)
    if document is None or not may_read(actor, document):
        raise DocumentNotFound(f"no document {document_id}")
    return document
