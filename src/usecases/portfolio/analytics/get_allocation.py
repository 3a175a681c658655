"""Use case: how my investments in one currency split by kind, sector, geography or vintage
(by NAV), the data of the allocation chart."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from domain.portfolio.allocation import Slice
from domain.portfolio.errors import CurrencyNotHeld
from domain.portfolio.performance import Sums, summaries
from domain.shared.actor import Actor
from usecases.portfolio.access import signed_in_user
from usecases.portfolio.ports import PortfolioUnitOfWork


class Dimension(StrEnum):
    KIND = "kind"
    SECTOR = "sector"
    GEOGRAPHY = "geography"
    VINTAGE = "vintage"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetAllocation:
    actor: Actor
    currency: str
    by: Dimension


@dataclass(frozen=True, slots=True)
class Allocation:
    currency: str
    by: Dimension
    slices: list[Slice]


class GetAllocationHandler:
    def __init__(self, uow: PortfolioUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetAllocation) -> Allocation:
        owner = signed_in_user(cmd.actor)
        async with self._uow as uow:
            investments = [
                i for i in await uow.investments.of_owner(owner) if i.currency == cmd.currency
            ]
            sums = await uow.activities.sums([i.id for i in investments])
        if not investments:
            raise CurrencyNotHeld(cmd.currency)
        [summary] = summaries([(i, sums.get(i.id, Sums())) for i in investments])
        slices = {
            Dimension.KIND: summary.by_kind,
            Dimension.SECTOR: summary.by_sector,
            Dimension.GEOGRAPHY: summary.by_geography,
            Dimension.VINTAGE: summary.by_vintage,
        }[cmd.by]
        return Allocation(cmd.currency, cmd.by, slices)
