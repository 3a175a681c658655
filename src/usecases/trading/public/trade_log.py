"""Trading's trade log: every committed trade exactly once, in an order that never changes,
read a page at a time after a position (docs/market-data.md#the-projector).

A position is the writing transaction's id and the trade's number in it. The log shows only
trades of transactions older than every transaction still running, so a trade that commits
late can never appear behind a position a reader already passed: concurrent matcher batches
(one per partition, in several processes) are read in one order, with no gap and no repeat.
A reader that keeps its position in its own transaction with what it made of the trades
neither loses nor counts twice a trade when it crashes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import ClassVar, Literal, Protocol
from uuid import UUID

TakerSide = Literal["buy", "sell"]


@dataclass(frozen=True, slots=True, order=True)
class LogPosition:
    transaction: int
    sequence: int

    START: ClassVar[LogPosition]


LogPosition.START = LogPosition(0, 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class LoggedTrade:
    position: LogPosition
    trade_id: UUID
    symbol: str
    currency: str
    price: Decimal  # on the instrument's tick grid
    quantity: Decimal  # on its lot grid
    price_places: int  # the decimals of the instrument's tick
    quantity_places: int  # and of its lot
    taker_side: TakerSide
    time: datetime  # aware UTC: when the matcher's batch traded it


class TradeLog(Protocol):
    async def after(self, position: LogPosition, limit: int) -> list[LoggedTrade]:
        """At most ``limit`` committed trades past ``position``, in log order."""
        ...

    async def behind(self, position: LogPosition, limit: int) -> int:
        """How many trades lie past ``position`` (those still settling included), counted up
        to ``limit``."""
        ...
