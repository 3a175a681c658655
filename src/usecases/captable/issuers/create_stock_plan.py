"""Use case: a company admin records a stock plan (OCF ``STOCK_PLAN``): the shares of some
classes it reserves for grants, which count in the fully diluted view."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from domain.captable.errors import UnknownReference
from domain.captable.stock_plan import CancellationBehavior, StockPlan
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateStockPlan:
    actor: Actor
    issuer_id: UUID
    plan_name: str
    initial_shares_reserved: str
    stock_class_ids: tuple[UUID, ...]
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None
    default_cancellation_behavior: CancellationBehavior | None = None
    comments: tuple[str, ...] = ()


class CreateStockPlanHandler:
    def __init__(self, uow: CaptableUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateStockPlan) -> StockPlan:
        async with self._uow as uow:
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE)
            plan = StockPlan.new(
                issuer_id=issuer.id,
                plan_name=cmd.plan_name,
                initial_shares_reserved=cmd.initial_shares_reserved,
                stock_class_ids=cmd.stock_class_ids,
                board_approval_date=cmd.board_approval_date,
                stockholder_approval_date=cmd.stockholder_approval_date,
                default_cancellation_behavior=cmd.default_cancellation_behavior,
                comments=cmd.comments,
                now=self._clock.now(),
            )
            classes = {c.id for c in await uow.share_classes.of_issuer(issuer.id)}
            for n, class_id in enumerate(plan.stock_class_ids):
                if class_id not in classes:
                    raise UnknownReference(f"stock_class_ids.{n}", "share class", class_id)
            await uow.stock_plans.add_all([plan])
            uow.audit(
                AuditRecord(
                    action="captable.create_stock_plan",
                    actor=cmd.actor,
                    resource_type="stock_plan",
                    resource_id=str(plan.id),
                    after={
                        "issuer_id": str(issuer.id),
                        "initial_shares_reserved": str(plan.initial_shares_reserved),
                    },
                )
            )
            await uow.commit()
        return plan
