"""What the portfolio use cases need: repositories of investments, their activities and the
index series, on one unit of work; and the daily prices of brokerage instruments."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from datetime import date
from decimal import Decimal
from typing import Protocol
from uuid import UUID

from domain.portfolio.activity import Activity
from domain.portfolio.documents import InvestmentDocument
from domain.portfolio.investment import Investment
from domain.portfolio.performance import CurrencySummary, Performance, Sums
from domain.portfolio.pme import IndexLevel
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.unit_of_work import UnitOfWork


class Investments(Protocol):
    async def add(self, investment: Investment) -> None: ...

    async def get(self, investment_id: UUID, *, for_update: bool = False) -> Investment | None:
        """The investment; ``for_update`` locks it, which serialises the writers of its
        activities."""
        ...

    async def save(self, investment: Investment) -> None: ...

    async def remove(self, investment_id: UUID) -> None:
        """The investment and its activities."""
        ...

    async def page(self, owner_id: UserId, page: PageRequest) -> Page[Investment]:
        """The owner's investments, oldest first."""
        ...

    async def of_owner(self, owner_id: UserId) -> list[Investment]: ...


class Activities(Protocol):
    async def add_all(self, activities: Sequence[Activity]) -> None:
        """Record them; their investments' stored sums follow in the same transaction."""
        ...

    async def get(self, investment_id: UUID, activity_id: UUID) -> Activity | None: ...

    async def remove(self, investment_id: UUID, activity_id: UUID) -> None: ...

    async def page(self, investment_id: UUID, page: PageRequest) -> Page[Activity]:
        """The investment's activities by date, then by when they were recorded."""
        ...

    async def of_investments(self, investment_ids: Collection[UUID]) -> dict[UUID, list[Activity]]:
        """Every activity of each investment (one query)."""
        ...

    async def sums(self, investment_ids: Collection[UUID]) -> dict[UUID, Sums]:
        """What each investment's figures are made of (``Sums``): stored beside the activities,
        recomputed by the database with every write of them, read in one query; an investment
        without activities is missing."""
        ...


class IndexSeriesStore(Protocol):
    async def store(self, owner_id: UserId, name: str, levels: Sequence[IndexLevel]) -> None:
        """Store ``levels`` in the owner's series ``name``: a level on a date already stored
        replaces it."""
        ...

    async def levels(self, owner_id: UserId, name: str) -> list[IndexLevel]: ...

    async def page(self, owner_id: UserId, name: str, page: PageRequest) -> Page[IndexLevel]:
        """The series' levels, oldest first."""
        ...


class InvestmentDocuments(Protocol):
    async def add(self, document: InvestmentDocument) -> None: ...

    async def get(self, document_id: UUID) -> InvestmentDocument | None: ...

    async def page(self, investment_id: UUID, page: PageRequest) -> Page[InvestmentDocument]:
        """The investment's documents, newest first."""
        ...

    async def storage_keys(self, investment_id: UUID) -> list[str]:
        """Where the investment's documents' files are (to remove them with it)."""
        ...

    async def remove(self, document_id: UUID) -> None: ...


class SummaryVersions(Protocol):
    async def current(self, owner_id: UserId) -> int:
        """The owner's summary version: every write of their investments or activities moves
        it on in its own transaction (the repositories do it); 0 before the first."""
        ...


class PortfolioUnitOfWork(UnitOfWork, Protocol):
    @property
    def investments(self) -> Investments: ...

    @property
    def activities(self) -> Activities: ...

    @property
    def index_series(self) -> IndexSeriesStore: ...

    @property
    def documents(self) -> InvestmentDocuments: ...

    @property
    def summary_versions(self) -> SummaryVersions: ...


class SummaryRenderer(Protocol):
    """The private half of the dashboard as the API answers it (its per-currency sections
    and every investment with its figures), rendered once, so the cached form is the
    answer's own bytes."""

    def private_half(
        self,
        currencies: Sequence[CurrencySummary],
        investments: Sequence[tuple[Investment, Performance]],
    ) -> bytes: ...


class PriceHistory(Protocol):
    """Daily prices of brokerage instruments, for the account's value series. Today the last
    trade price of each UTC day, from trading's fills; market data's daily candles (their
    close) will replace it behind this port."""

    async def daily_prices(
        self, instrument_ids: Collection[UUID], since: date
    ) -> dict[UUID, list[tuple[date, Decimal]]]:
        """Each instrument's price of every day it has one on or after ``since``, oldest
        first."""
        ...
