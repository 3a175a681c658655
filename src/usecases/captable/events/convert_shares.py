"""Use case: shares of a certificate convert into another class at their class's conversion
ratio (``Idempotency-Key`` honoured): the certificate is consumed, the converted shares get a
certificate of the new class and any rest a balance certificate."""

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
class ConvertShares:
    actor: Actor
    issuer_id: UUID
    security_id: UUID
    quantity_converted: str
    to_stock_class_id: UUID
    date: dt.date
    idempotency: IdempotencyKey | None = None


class ConvertSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: ConvertShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            await refuse_locked(uow, issuer.id, securities=[cmd.security_id])
            table = await uow.cap_tables.load(issuer, securities=[cmd.security_id])
            return table.convert(
                security_id=cmd.security_id,
                quantity_converted=cmd.quantity_converted,
                to_stock_class_id=cmd.to_stock_class_id,
                date=cmd.date,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)
