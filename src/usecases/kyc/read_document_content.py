"""Use case: the decrypted content behind a signed download link.

The link is the credential (a browser follows it without our bearer token): it must carry
this platform's signature for this document, this viewer and this expiry, and be unexpired."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from dataclasses import dataclass

from domain.kyc.documents import DocumentNotFound, KycDocument
from domain.shared.clock import Clock
from usecases.kyc.document_links import DocumentLink, check_link
from usecases.kyc.ports import KycUnitOfWork
from usecases.shared.documents import opened
from usecases.shared.ports.document_store import DocumentStore, StoredFileMissing
from usecases.shared.ports.link_signer import LinkSigner

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReadDocumentContent:
    link: DocumentLink


@dataclass(frozen=True, slots=True)
class DocumentContent:
    document: KycDocument
    chunks: AsyncIterator[bytes]


class ReadDocumentContentHandler:
    def __init__(
        self, uow: KycUnitOfWork, store: DocumentStore, signer: LinkSigner, clock: Clock
    ) -> None:
        self._uow = uow
        self._store = store
        self._signer = signer
        self._clock = clock

    async def execute(self, cmd: ReadDocumentContent) -> DocumentContent:
        check_link(self._signer, cmd.link, now=self._clock.now())
        async with self._uow as uow:
            document = await uow.documents.get(cmd.link.document_id)
        if document is None:  # deleted or replaced since the link was issued
            raise DocumentNotFound(f"no document {cmd.link.document_id}")
        try:  # open it now, so a missing file is a 404 rather than a broken stream
            chunks = await opened(self._store, document.storage_key)
        except StoredFileMissing:
            log.error("document file missing", extra={"document": str(document.id)})
            raise DocumentNotFound(f"no document {document.id}") from None
        return DocumentContent(document, chunks)
