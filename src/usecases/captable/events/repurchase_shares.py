"""Use case: the issuer buys back shares of a certificate at a price (``Idempotency-Key``
honoured): the certificate is consumed; the holder keeps a balance certificate for the rest."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from domain.captable.cap_table import Change, Recording
from domain.captable.events import CapTableEvent
from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.recording import EventRecordingHandler
from usecases.captable.transfer_locks import refuse_locked
from usecases.shared.idempotency import IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class RepurchaseShares:
    actor: Actor
    issuer_id: UUID
    security_id: UUID
    quantity: str
    price: str
    date: dt.date
    consideration_text: str | None = None
    idempotency: IdempotencyKey | None = None


class RepurchaseSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: RepurchaseShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            await refuse_locked(uow, issuer.id, securities=[cmd.security_id])
            table = await uow.cap_tables.load(issuer, securities=[cmd.security_id])
            return table.repurchase(
                security_id=cmd.security_id,
                quantity=cmd.quantity,
                price=cmd.price,
                date=cmd.date,
                consideration_text=cmd.consideration_text,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)
