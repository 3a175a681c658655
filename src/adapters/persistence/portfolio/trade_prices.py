"""The portfolio's ``PriceHistory`` from trading's trades: the last trade price of each UTC
day, read through trading's public port. Market data's daily candles will replace it."""

from __future__ import annotations

from collections.abc import Collection
from datetime import date
from decimal import Decimal
from uuid import UUID

from usecases.trading.public.holdings import BrokerageHoldings


class TradePriceHistory:
    def __init__(self, holdings: BrokerageHoldings) -> None:
        self._holdings = holdings

    async def daily_prices(
        self, instrument_ids: Collection[UUID], since: date
    ) -> dict[UUID, list[tuple[date, Decimal]]]:
        found = await self._holdings.daily_last_prices(instrument_ids, since)
        return {i: [(p.on, p.price) for p in prices] for i, prices in found.items()}
