"""What the FX use cases need beyond banking's unit of work: where mid rates come from, and
their policy (spread, quote lifetime)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Protocol
from uuid import UUID

from domain.banking.fx import FxConversion, FxQuote
from domain.banking.fx_pricing import MidRate
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest


class FxRateSource(Protocol):
    """Mid rates of the currency pairs the platform converts."""

    async def currencies(self) -> frozenset[str]:
        """Every currency some pair joins."""
        ...

    async def mid_rate(self, one: str, other: str) -> MidRate | None:
        """The pair joining ``one`` and ``other`` (either way round), or None."""
        ...


@dataclass(frozen=True, slots=True, kw_only=True)
class FxConfig:
    spread_bps: int
    quote_ttl: timedelta
    idempotency_ttl: timedelta


class FxQuotes(Protocol):
    async def add(self, quote: FxQuote) -> None: ...

    async def get(self, quote_id: UUID, *, for_update: bool = False) -> FxQuote | None:
        """The quote; ``for_update`` locks it until the transaction ends (one conversion)."""
        ...

    async def save(self, quote: FxQuote) -> None:
        """Write its ``converted_at``."""
        ...


class FxConversions(Protocol):
    async def add(self, conversion: FxConversion) -> None: ...

    async def get(self, conversion_id: UUID) -> FxConversion | None: ...

    async def page(self, user_id: UserId, page: PageRequest) -> Page[FxConversion]:
        """The user's conversions, newest first."""
        ...
