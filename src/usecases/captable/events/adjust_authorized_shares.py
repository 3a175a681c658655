"""Use case: the authorized shares of a class change by an adjustment event, with the board's
approval date and the stockholders' when they voted (``Idempotency-Key`` honoured); never
below what is outstanding."""

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
from usecases.shared.idempotency import IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class AdjustAuthorizedShares:
    actor: Actor
    issuer_id: UUID
    stock_class_id: UUID
    new_shares_authorized: str
    board_approval_date: dt.date
    date: dt.date
    stockholder_approval_date: dt.date | None = None
    comments: str | None = None
    idempotency: IdempotencyKey | None = None


class AdjustAuthorizedSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: AdjustAuthorizedShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            table = await uow.cap_tables.load(issuer)
            return table.adjust_authorized_shares(
                stock_class_id=cmd.stock_class_id,
                new_shares_authorized=cmd.new_shares_authorized,
                board_approval_date=cmd.board_approval_date,
                stockholder_approval_date=cmd.stockholder_approval_date,
                date=cmd.date,
                comments=cmd.comments,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)
