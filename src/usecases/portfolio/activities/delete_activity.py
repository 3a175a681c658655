"""Use case: I remove a capital activity recorded by mistake (record the right one after)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.portfolio.errors import ActivityNotFound
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteActivity:
    actor: Actor
    investment_id: UUID
    activity_id: UUID


class DeleteActivityHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: DeleteActivity) -> None:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            activity = await uow.activities.get(investment.id, cmd.activity_id)
            if activity is None:
                raise ActivityNotFound(cmd.activity_id)
            await uow.activities.remove(investment.id, activity.id)
            uow.audit(
                AuditRecord(
                    action="portfolio.delete_activity",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    before={
                        "activity_id": str(activity.id),
                        "kind": activity.kind.value,
                        "amount": str(activity.amount),
                    },
                )
            )
            await uow.commit()
