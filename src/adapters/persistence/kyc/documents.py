"""KYC document rows ⇄ domain objects."""

from __future__ import annotations

from sqlalchemy import delete, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.kyc.models import KycDocumentRow
from adapters.persistence.mapping import row_values, to_domain
from domain.kyc.documents import DocumentId, KycDocument
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

NEWEST_FIRST = Keyset("kyc-documents", (KycDocumentRow.uploaded_at, KycDocumentRow.id))


class SqlKycDocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, document_id: DocumentId) -> KycDocument | None:
        row = await self._session.get(KycDocumentRow, document_id)
        return None if row is None else to_domain(row, KycDocument)

    async def of_user(self, user_id: UserId) -> list[KycDocument]:
        rows = await self._session.scalars(
            select(KycDocumentRow)
            .where(KycDocumentRow.user_id == user_id)
            .order_by(KycDocumentRow.uploaded_at.desc(), KycDocumentRow.id.desc())
        )
        return [to_domain(row, KycDocument) for row in rows]

    async def page_of_user(self, user_id: UserId, page: PageRequest) -> Page[KycDocument]:
        query = select(KycDocumentRow).where(KycDocumentRow.user_id == user_id)
        rows = list(await self._session.scalars(NEWEST_FIRST.select(query, page)))
        return NEWEST_FIRST.page(rows, page, lambda row: to_domain(row, KycDocument))

    async def add(self, document: KycDocument) -> None:
        await self._session.execute(
            insert(KycDocumentRow).values(**row_values(document, KycDocumentRow))
        )

    async def remove(self, document_id: DocumentId) -> None:
        await self._session.execute(delete(KycDocumentRow).where(KycDocumentRow.id == document_id))
