"""The cap table's other events respect share transfers: while a live transfer (pending, its
right of first refusal exercised, approved) locks a certificate, no cancellation, repurchase
or conversion consumes it, and no split reissues its class; asked under the issuer's lock, so
no transfer can start locking between the question and the event."""

from __future__ import annotations

from collections.abc import Collection
from uuid import UUID

from domain.captable.errors import LockedByTransfer
from usecases.captable.ports import CaptableUnitOfWork


async def refuse_locked(
    uow: CaptableUnitOfWork,
    issuer_id: UUID,
    *,
    securities: Collection[UUID] = (),
    stock_class_id: UUID | None = None,
) -> None:
    """409 ``security_locked_by_transfer`` naming the first transfer that locks them."""
    locks = await uow.transfer_locks.on(
        issuer_id, securities=securities, stock_class_id=stock_class_id
    )
    if locks:
        lock = locks[0]
        field = "stock_class_id" if stock_class_id is not None else "security_id"
        raise LockedByTransfer(lock.reference, lock.certificate_number, lock.status, field)
