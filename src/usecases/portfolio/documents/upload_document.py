"""Use case: attach a document (a statement, a tax document, an agreement) to one of my
investments. The upload rules are KYC's: read up to the size limit and no further, the type
detected from the bytes (PDF, JPEG or PNG), sealed into the document store, and only then
recorded. A refused file leaves nothing behind: no row, no file."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.documents import (
    InvestmentDocument,
    InvestmentDocumentKind,
    check_content,
    checked_title,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from usecases.portfolio.access import own_investment, signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork
from usecases.shared.documents import Upload, read_bounded
from usecases.shared.ports.document_store import DocumentStore


@dataclass(frozen=True, slots=True, kw_only=True)
class UploadInvestmentDocument:
    actor: Actor
    investment_id: UUID
    kind: InvestmentDocumentKind
    title: str
    file: Upload


class UploadInvestmentDocumentHandler:
    def __init__(
        self,
        uow: PortfolioUnitOfWork,
        store: DocumentStore,
        clock: Clock,
        *,
        document_max_bytes: int,
    ) -> None:
        self._uow = uow
        self._store = store
        self._clock = clock
        self._max_bytes = document_max_bytes

    async def execute(self, cmd: UploadInvestmentDocument) -> InvestmentDocument:
        owner = signed_in_user(cmd.actor)
        title = checked_title(cmd.title)
        async with self._uow as uow:  # the investment is mine before a byte is read
            await own_investment(uow, cmd.actor, cmd.investment_id)
        data = await read_bounded(cmd.file, self._max_bytes)
        content_type = check_content(data)
        async with self._uow as uow:
            await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            stored = await self._store.put(data)
            try:
                document = InvestmentDocument(
                    id=new_uuid(),
                    owner_id=owner,
                    investment_id=cmd.investment_id,
                    kind=cmd.kind,
                    title=title,
                    content_type=content_type,
                    size_bytes=stored.size_bytes,
                    sha256=hashlib.sha256(data).hexdigest(),
                    storage_key=stored.key,
                    key_version=stored.key_version,
                    uploaded_at=self._clock.now(),
                )
                await uow.documents.add(document)
                uow.audit(
                    AuditRecord(
                        action="portfolio.upload_document",
                        actor=cmd.actor,
                        resource_type="investment_document",
                        resource_id=str(document.id),
                        after={
                            "investment_id": str(document.investment_id),
                            "kind": document.kind.value,
                            "content_type": document.content_type.value,
                            "size_bytes": document.size_bytes,
                            "sha256": document.sha256,
                        },
                    )
                )
                await uow.commit()
            except BaseException:
                await self._store.delete(stored.key)
                raise
        return document
