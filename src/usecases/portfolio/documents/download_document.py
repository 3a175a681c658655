"""Use case: the decrypted content of one of my investment documents. To anyone but its
owner a document answers exactly like one that does not exist (404)."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.documents import InvestmentDocument, InvestmentDocumentNotFound
from domain.shared.actor import Actor
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork
from usecases.shared.documents import opened
from usecases.shared.ports.document_store import DocumentStore, StoredFileMissing

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class DownloadInvestmentDocument:
    actor: Actor
    document_id: UUID


@dataclass(frozen=True, slots=True)
class DocumentContent:
    document: InvestmentDocument
    chunks: AsyncIterator[bytes]


class DownloadInvestmentDocumentHandler:
    def __init__(self, uow: PortfolioUnitOfWork, store: DocumentStore) -> None:
        self._uow = uow
        self._store = store

    async def execute(self, cmd: DownloadInvestmentDocument) -> DocumentContent:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            document = await uow.documents.get(cmd.document_id)
        if document is None or document.owner_id != owner:
            raise InvestmentDocumentNotFound(cmd.document_id)
        try:  # open it now, so a missing file is a 404 rather than a broken stream
            chunks = await opened(self._store, document.storage_key)
        except StoredFileMissing:
            log.error("investment document file missing", extra={"document": str(document.id)})
            raise InvestmentDocumentNotFound(document.id) from None
        return DocumentContent(document, chunks)
