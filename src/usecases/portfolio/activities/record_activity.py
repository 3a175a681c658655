"""Use case: I record a capital activity of one of my investments: a capital call paid, a fee,
a distribution or a valuation, dated and in the investment's currency."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from uuid import UUID

from domain.portfolio.activity import Activity, ActivityKind
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RecordActivity:
    actor: Actor
    investment_id: UUID
    kind: ActivityKind
    occurred_on: date
    amount: Decimal | str
    currency: str
    note: str | None = None


class RecordActivityHandler:
    def __init__(self, uow: PortfolioUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: RecordActivity) -> Activity:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            activity = Activity.new(
                investment,
                kind=cmd.kind,
                occurred_on=cmd.occurred_on,
                amount=cmd.amount,
                currency=cmd.currency,
                note=cmd.note,
                now=self._clock.now(),
            )
            await uow.activities.add_all([activity])
            uow.audit(
                AuditRecord(
                    action="portfolio.record_activity",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    after={
                        "activity_id": str(activity.id),
                        "kind": activity.kind.value,
                        "amount": str(activity.amount),
                        "occurred_on": activity.occurred_on.isoformat(),
                    },
                )
            )
            await uow.commit()
        return activity
