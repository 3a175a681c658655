"""Use case: an investor records an investment they hold."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from decimal import Decimal

from domain.portfolio.investment import Investment, InvestmentKind
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateInvestment:
    actor: Actor
    name: str
    kind: InvestmentKind
    sponsor: str
    sector: str
    geography: str
    vintage: int
    currency: str
    commitment: Decimal | str
    start_date: date


class CreateInvestmentHandler:
    def __init__(self, uow: PortfolioUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateInvestment) -> Investment:
        investment = Investment.new(
            owner_id=signed_in_user(cmd.actor),
            name=cmd.name,
            kind=cmd.kind,
            sponsor=cmd.sponsor,
            sector=cmd.sector,
            geography=cmd.geography,
            vintage=cmd.vintage,
            currency=cmd.currency,
            commitment=cmd.commitment,
            start_date=cmd.start_date,
            now=self._clock.now(),
        )
        async with self._uow as uow:
            await uow.investments.add(investment)
            uow.audit(
                AuditRecord(
                    action="portfolio.create_investment",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    after={"name": investment.name, "currency": investment.currency},
                )
            )
            await uow.commit()
        return investment
