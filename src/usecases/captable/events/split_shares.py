"""Use case: a stock split of one class (``Idempotency-Key`` honoured): every outstanding
certificate of the class is consumed and reissued with ``numerator / denominator`` times its
shares; the cap table before the split's date is unchanged."""

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
class SplitShares:
    actor: Actor
    issuer_id: UUID
    stock_class_id: UUID
    split_ratio_numerator: str
    split_ratio_denominator: str
    date: dt.date
    idempotency: IdempotencyKey | None = None


class SplitSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: SplitShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            await refuse_locked(uow, issuer.id, stock_class_id=cmd.stock_class_id)
            table = await uow.cap_tables.load(issuer, whole_class=cmd.stock_class_id)
            return table.split(
                stock_class_id=cmd.stock_class_id,
                split_ratio_numerator=cmd.split_ratio_numerator,
                split_ratio_denominator=cmd.split_ratio_denominator,
                date=cmd.date,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)
