"""Share-transfer rows ⇄ the ``ShareTransfer`` aggregate, the locks on a certificate, the
worker's scans, the pages, and the stored agreement PDFs."""

from __future__ import annotations

from collections.abc import Collection
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from sqlalchemy import func, insert, literal, or_, select, update
from sqlalchemy.dialects.postgresql import insert as pg_insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.stored_files import stored_columns, stored_file
from adapters.persistence.captable.transfer_models import ShareTransferRow, TransferDocumentRow
from adapters.persistence.cursor import Keyset
from domain.captable.share_transfer import (
    LOCKING,
    Completion,
    RofrOutcome,
    Settlement,
    ShareTransfer,
    TransferStatus,
    TransferTerms,
)
from domain.shared.errors import Conflict
from domain.shared.money import Money
from domain.shared.pagination import Page, PageRequest
from usecases.captable.transfers.ports import DueTransfer
from usecases.shared.ports.document_store import StoredFile

TRANSFERS = Keyset(
    "captable-transfers", (ShareTransferRow.created_at, ShareTransferRow.id), descending=True
)
LIVE = [status.value for status in LOCKING]


def _transfer(row: ShareTransferRow) -> ShareTransfer:
    completion = None
    if row.event_id is not None:
        assert row.buyer_security_id is not None
        assert row.settlement is not None
        assert row.fee is not None
        assert row.fee_payer is not None
        completion = Completion(
            event_id=row.event_id,
            buyer_security_id=row.buyer_security_id,
            balance_security_id=row.balance_security_id,
            settlement=Settlement(row.settlement),
            fee=Money.of(row.fee, row.currency),
            fee_payer=row.fee_payer,
            journal_entry_id=row.journal_entry_id,
        )
    return ShareTransfer(
        id=row.id,
        issuer_id=row.issuer_id,
        reference=row.reference,
        seller_id=row.seller_id,
        source_security_id=row.source_security_id,
        terms=TransferTerms(
            row.buyer_id, row.quantity, Money.of(row.price_per_share, row.currency)
        ),
        status=TransferStatus(row.status),
        created_at=row.created_at,
        noticed_buyer_id=row.noticed_buyer_id,
        rofr=RofrOutcome(row.rofr),
        submitted_at=row.submitted_at,
        rofr_deadline=row.rofr_deadline,
        expires_at=row.expires_at,
        approved_by=row.approved_by,
        decided_at=row.decided_at,
        reason=row.reason,
        completed_at=row.completed_at,
        completion=completion,
        version=row.version,
    )


def _values(transfer: ShareTransfer) -> dict[str, Any]:
    done = transfer.completion
    return {
        "source_security_id": transfer.source_security_id,
        "buyer_id": transfer.terms.buyer_id,
        "quantity": transfer.terms.quantity,
        "price_per_share": transfer.terms.price_per_share.amount,
        "currency": transfer.terms.price_per_share.currency.code,
        "status": transfer.status.value,
        "rofr": transfer.rofr.value,
        "submitted_at": transfer.submitted_at,
        "rofr_deadline": transfer.rofr_deadline,
        "expires_at": transfer.expires_at,
        "approved_by": transfer.approved_by,
        "decided_at": transfer.decided_at,
        "reason": transfer.reason,
        "completed_at": transfer.completed_at,
        "event_id": done.event_id if done else None,
        "buyer_security_id": done.buyer_security_id if done else None,
        "balance_security_id": done.balance_security_id if done else None,
        "settlement": done.settlement.value if done else None,
        "fee": done.fee.amount if done else None,
        "fee_payer": done.fee_payer if done else None,
        "journal_entry_id": done.journal_entry_id if done else None,
        "version": transfer.version,
    }


class SqlShareTransfers:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, transfer: ShareTransfer) -> None:
        await self._session.execute(
            insert(ShareTransferRow).values(
                id=transfer.id,
                issuer_id=transfer.issuer_id,
                reference=transfer.reference,
                seller_id=transfer.seller_id,
                noticed_buyer_id=transfer.noticed_buyer_id,
                created_at=transfer.created_at,
                **_values(transfer),
            )
        )

    async def save(self, transfer: ShareTransfer) -> None:
        saved = await self._session.execute(
            update(ShareTransferRow)
            .where(
                ShareTransferRow.id == transfer.id,
                ShareTransferRow.version == transfer.version - 1,
            )
            .values(**_values(transfer))
        )
        if saved.rowcount != 1:  # type: ignore[attr-defined]
            raise Conflict(
                f"{transfer.reference} was changed by another request; retry",
                code="concurrent_update",
            )

    async def get(self, issuer_id: UUID, transfer_id: UUID) -> ShareTransfer | None:
        row = await self._session.scalar(
            select(ShareTransferRow)
            .where(ShareTransferRow.issuer_id == issuer_id, ShareTransferRow.id == transfer_id)
            .execution_options(populate_existing=True)
        )
        return None if row is None else _transfer(row)

    async def next_reference(self, issuer_id: UUID) -> str:
        count = await self._session.scalar(
            select(func.count()).where(ShareTransferRow.issuer_id == issuer_id)
        )
        return f"TRF-{(count or 0) + 1:04d}"

    async def locked(self, security_id: UUID, *, besides: UUID) -> Decimal:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(ShareTransferRow.quantity), 0)).where(
                ShareTransferRow.source_security_id == security_id,
                ShareTransferRow.status.in_(LIVE),
                ShareTransferRow.id != besides,
            )
        )
        return Decimal(total or 0)

    async def open_on(self, security_id: UUID) -> list[ShareTransfer]:
        rows = await self._session.scalars(
            select(ShareTransferRow)
            .where(
                ShareTransferRow.source_security_id == security_id,
                ShareTransferRow.status.in_([*LIVE, TransferStatus.DRAFT.value]),
            )
            .order_by(ShareTransferRow.created_at, ShareTransferRow.id)
            .execution_options(populate_existing=True)
        )
        return [_transfer(r) for r in rows]

    async def page(
        self,
        issuer_id: UUID | None,
        page: PageRequest,
        *,
        parties: Collection[UUID] | None = None,
        status: TransferStatus | None = None,
    ) -> Page[ShareTransfer]:
        query = select(ShareTransferRow)
        if issuer_id is not None:
            query = query.where(ShareTransferRow.issuer_id == issuer_id)
        if parties is not None:
            ids = list(parties)
            query = query.where(
                or_(ShareTransferRow.seller_id.in_(ids), ShareTransferRow.buyer_id.in_(ids))
            )
        if status is not None:
            query = query.where(ShareTransferRow.status == status.value)
        rows = list(await self._session.scalars(TRANSFERS.select(query, page)))
        return TRANSFERS.page(rows, page, _transfer)

    async def due(self, now: datetime, limit: int) -> list[DueTransfer]:
        """Open windows past their deadline and live transfers past their expiry, oldest due
        first."""
        lapsing = (
            select(ShareTransferRow.id, ShareTransferRow.issuer_id, ShareTransferRow.rofr_deadline)
            .where(
                ShareTransferRow.status == TransferStatus.PENDING.value,
                ShareTransferRow.rofr == RofrOutcome.OPEN.value,
                ShareTransferRow.rofr_deadline <= now,
            )
            .order_by(ShareTransferRow.rofr_deadline)
            .limit(limit)
        )
        expiring = (
            select(ShareTransferRow.id, ShareTransferRow.issuer_id, ShareTransferRow.expires_at)
            .where(ShareTransferRow.status.in_(LIVE), ShareTransferRow.expires_at <= now)
            .order_by(ShareTransferRow.expires_at)
            .limit(limit)
        )
        found: dict[UUID, DueTransfer] = {}
        for query in (expiring, lapsing):
            for transfer_id, issuer_id, due in await self._session.execute(query):
                if due is not None:  # the WHERE keeps only those with one
                    found.setdefault(
                        transfer_id,
                        DueTransfer(transfer_id=transfer_id, issuer_id=issuer_id, due=due),
                    )
        return sorted(found.values(), key=lambda d: d.due)[:limit]


class SqlTransferDocuments:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, transfer_id: UUID) -> StoredFile | None:
        row = await self._session.scalar(
            select(TransferDocumentRow).where(TransferDocumentRow.transfer_id == transfer_id)
        )
        return stored_file(row)

    async def add(self, transfer_id: UUID, stored: StoredFile, now: datetime) -> bool:
        done = await self._session.execute(
            pg_insert(TransferDocumentRow)
            .values(transfer_id=transfer_id, **stored_columns(stored, now))
            .on_conflict_do_nothing()
            .returning(literal(1))
        )
        return done.first() is not None
