"""Trading's public port for the portfolio: a user's brokerage account as it stands (open
positions with the instrument's last price) with the fills that built it, and the last trade
price of each day of instruments (until market data's candles replace it).

``BrokerageHoldings`` only reads; trading's wiring provides it (taken by type), each call on
its own read-only snapshot so the positions and the fills agree."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Literal, Protocol
from uuid import UUID

from domain.shared.ids import UserId

__all__ = ["BrokerageAccount", "BrokerageHoldings", "DailyPrice", "HeldPosition", "TradeFill"]


@dataclass(frozen=True, slots=True, kw_only=True)
class HeldPosition:
    instrument_id: UUID
    symbol: str
    currency: str
    quantity: Decimal
    average_cost: Decimal | None  # cost basis / quantity (fees included); None when flat
    cost_basis: Decimal
    realized_pnl: Decimal
    last_price: Decimal  # the instrument's last trade price (its reference before any trade)


@dataclass(frozen=True, slots=True, kw_only=True)
class TradeFill:
    """One of the user's fills: the cash a buy paid (``cash`` + ``fee``) or a sale brought in
    (``cash`` - ``fee``), in ``currency``."""

    instrument_id: UUID
    symbol: str
    currency: str
    side: Literal["buy", "sell"]
    quantity: Decimal
    price: Decimal
    cash: Decimal
    fee: Decimal
    at: datetime


@dataclass(frozen=True, slots=True)
class BrokerageAccount:
    positions: list[HeldPosition]  # quantity above zero, by symbol
    fills: list[TradeFill]  # oldest first


@dataclass(frozen=True, slots=True)
class DailyPrice:
    on: date  # a UTC day
    price: Decimal  # the day's last trade price


class BrokerageHoldings(Protocol):
    async def account(self, user_id: UserId) -> BrokerageAccount: ...

    async def daily_last_prices(
        self, instrument_ids: Collection[UUID], since: date
    ) -> dict[UUID, list[DailyPrice]]:
        """Each instrument's last trade price of every UTC day it traded on or after
        ``since``, oldest first (an instrument that has not traded is missing)."""
        ...
