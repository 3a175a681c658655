"""Which live share transfers lock certificates: what the cap table's other events ask before
they consume one (a cancellation, a repurchase, a conversion, a split of its class)."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.captable.models import SecurityRow
from adapters.persistence.captable.transfer_models import ShareTransferRow
from domain.captable.share_transfer import LOCKING
from usecases.captable.ports import TransferLock

_LIVE = sorted(status.value for status in LOCKING)


class SqlTransferLocks:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def on(
        self,
        issuer_id: UUID,
        *,
        securities: Collection[UUID] = (),
        stock_class_id: UUID | None = None,
    ) -> list[TransferLock]:
        query = (
            select(
                ShareTransferRow.reference,
                ShareTransferRow.status,
                SecurityRow.certificate_number,
            )
            .join(SecurityRow, SecurityRow.id == ShareTransferRow.source_security_id)
            .where(ShareTransferRow.issuer_id == issuer_id, ShareTransferRow.status.in_(_LIVE))
            .order_by(ShareTransferRow.reference)
        )
        if stock_class_id is not None:
            query = query.where(SecurityRow.stock_class_id == stock_class_id)
        else:
            query = query.where(ShareTransferRow.source_security_id.in_(list(securities)))
        rows = await self._session.execute(query)
        return [TransferLock(ref, status, number) for ref, status, number in rows]
