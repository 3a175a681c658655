"""Use case: a company admin issues shares of a class to a stakeholder (``Idempotency-Key``
honoured): one issuance event and one numbered certificate, within the authorized shares."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from domain.captable.cap_table import Change, Recording
from domain.captable.errors import UnknownReference
from domain.captable.events import CapTableEvent
from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.recording import EventRecordingHandler
from usecases.shared.idempotency import IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class IssueShares:
    actor: Actor
    issuer_id: UUID
    stakeholder_id: UUID
    stock_class_id: UUID
    quantity: str
    date: dt.date
    share_price: str | None = None
    board_approval_date: dt.date | None = None
    consideration_text: str | None = None
    stock_legend_ids: tuple[UUID, ...] = ()  # the issuer's legends its certificate prints
    idempotency: IdempotencyKey | None = None


class IssueSharesHandler(EventRecordingHandler):
    async def execute(self, cmd: IssueShares) -> Idempotent[CapTableEvent]:
        async def decide(uow: CaptableUnitOfWork, issuer: Issuer, recording: Recording) -> Change:
            await _known_legends(uow, issuer.id, cmd.stock_legend_ids)
            table = await uow.cap_tables.load(issuer, stakeholders=[cmd.stakeholder_id])
            return table.issue(
                stakeholder_id=cmd.stakeholder_id,
                stock_class_id=cmd.stock_class_id,
                quantity=cmd.quantity,
                date=cmd.date,
                share_price=cmd.share_price,
                board_approval_date=cmd.board_approval_date,
                consideration_text=cmd.consideration_text,
                stock_legend_ids=cmd.stock_legend_ids,
                recording=recording,
            )

        return await self.record(cmd.actor, cmd.issuer_id, cmd.idempotency, decide)


async def _known_legends(uow: CaptableUnitOfWork, issuer_id: UUID, ids: tuple[UUID, ...]) -> None:
    """Every legend named is one of the issuer's (422 ``unknown_reference`` otherwise)."""
    if not ids:
        return
    known = {legend.id for legend in await uow.stock_legends.of_issuer(issuer_id, among=ids)}
    for n, legend_id in enumerate(ids):
        if legend_id not in known:
            raise UnknownReference(f"stock_legend_ids.{n}", "stock legend", legend_id)
