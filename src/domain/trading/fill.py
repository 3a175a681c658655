"""One side of a trade: what an order got, at what price, for how much cash and fee."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.shared.ids import UserId
from domain.trading.terms import Side


class Liquidity(StrEnum):
    MAKER = "maker"  # the resting order: the trade is at its price
    TAKER = "taker"


@dataclass(frozen=True, slots=True, kw_only=True)
class Fill:
    id: UUID
    trade_id: UUID
    order_id: UUID
    instrument_id: UUID
    symbol: str
    user_id: UserId
    side: Side
    liquidity: Liquidity
    price: Decimal
    quantity: Decimal
    cash: Decimal  # paid (buy) or received (sell), before the fee
    fee: Decimal
    currency: str
    journal_entry_id: UUID | None
    created_at: datetime
