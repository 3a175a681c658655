"""KYC document rows ⇄ domain objects."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.models import KycDocumentRow
from domain.kyc.documents import DocumentId, DocumentKind, KycDocument
from domain.shared.content_type import ContentType
from domain.shared.ids import UserId


def _document(row: KycDocumentRow) -> KycDocument:
    return KycDocument(
        id=DocumentId(row.id),
        user_id=UserId(row.user_id),
        kind=DocumentKind(row.kind),
        content_type=ContentType(row.content_type),
        size_bytes=row.size_bytes,
        sha256=row.sha256,
        storage_key=row.storage_key,
        key_version=row.key_version,
        uploaded_at=row.uploaded_at,
    )


class SqlKycDocumentRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, document_id: DocumentId) -> KycDocument | None:
        row = await self._session.get(KycDocumentRow, document_id)
        return None if row is None else _document(row)

    async def of_user(self, user_id: UserId) -> list[KycDocument]:
        rows = await self._session.scalars(
            select(KycDocumentRow)
            .where(KycDocumentRow.user_id == user_id)
            .order_by(KycDocumentRow.uploaded_at.desc(), KycDocumentRow.id.desc())
        )
        return [_document(row) for row in rows]

    async def add(self, document: KycDocument) -> None:
        self._session.add(
            KycDocumentRow(
                id=document.id,
                user_id=document.user_id,
                kind=document.kind.value,
                content_type=document.content_type.value,
                size_bytes=document.size_bytes,
                sha256=document.sha256,
                storage_key=document.storage_key,
                key_version=document.key_version,
                uploaded_at=document.uploaded_at,
            )
        )
        await self._session.flush()

    async def remove(self, document_id: DocumentId) -> None:
        await self._session.execute(delete(KycDocumentRow).where(KycDocumentRow.id == document_id))
