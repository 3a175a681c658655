"""Use case: a company admin cancels shares of a certificate (``Idempotency-Key`` honoured):
the certificate is consumed, and what remains of it gets a balance certificate."""

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
class CancelShares:
    actor: Actor
    issuer_id: UUID
    security_id: UUID
    quantity: str
    date: dt.date
    reason_text: str
    idempotency: IdempotencyKey | None = None


class CancelSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: CancelShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            await refuse_locked(uow, issuer.id, securities=[cmd.security_id])
            table = await uow.cap_tables.load(issuer, securities=[cmd.security_id])
            return table.cancel(
                security_id=cmd.security_id,
                quantity=cmd.quantity,
                date=cmd.date,
                reason_text=cmd.reason_text,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)
