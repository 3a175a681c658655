"""Use case: I correct an investment's description or commitment. Its kind, currency and
start stay, since its activities were recorded against them."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.portfolio.investment import Investment
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateInvestment:
    actor: Actor
    investment_id: UUID
    name: str | None = None
    sponsor: str | None = None
    sector: str | None = None
    geography: str | None = None
    vintage: int | None = None
    commitment: Decimal | str | None = None


class UpdateInvestmentHandler:
    def __init__(self, uow: PortfolioUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: UpdateInvestment) -> Investment:
        async with self._uow as uow:
            before = await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            after = before.revised(
                now=self._clock.now(),
                name=cmd.name,
                sponsor=cmd.sponsor,
                sector=cmd.sector,
                geography=cmd.geography,
                vintage=cmd.vintage,
                commitment=cmd.commitment,
            )
            await uow.investments.save(after)
            uow.audit(
                AuditRecord(
                    action="portfolio.update_investment",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(after.id),
                    before={"name": before.name, "commitment": str(before.commitment)},
                    after={"name": after.name, "commitment": str(after.commitment)},
                )
            )
            await uow.commit()
        return after
