"""Market data over HTTP on the real app, with real trades: trading's funded investors (the
``trading`` fixture) cross orders through the API, the projector runs its rounds as the worker
would, and the answers are read over HTTP."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

import httpx
import pytest

from tests.api.trading.conftest import Trading, trading
from tests.support.accounts import Account
from usecases.marketdata.projector.project_candles import (
    ProjectCandles,
    ProjectCandlesHandler,
    Projected,
)

__all__ = ["PATIENCE", "ROUNDS", "Market", "trading"]

API = "/api/v1/market-data"
# A transaction still open anywhere on the server (another test run's, on a shared machine)
# holds the log's horizon back: rounds are retried, up to ROUNDS times 0.1 s, and waits for a
# message last up to PATIENCE seconds. Bounds against a hang, not timing asserts.
ROUNDS: int = 3000
PATIENCE: float = 300.0


@dataclass
class Market:
    trading: Trading

    async def get(self, path: str, who: Account, **params: Any) -> httpx.Response:
        return await self.trading.client.get(f"{API}{path}", headers=who.headers, params=params)

    async def round(self, limit: int | None = None) -> Projected:
        handler = self.trading.app.state.handlers.resolve(ProjectCandlesHandler)
        projected: Projected = await handler.execute(ProjectCandles(limit=limit))
        return projected

    async def project_all(self, trades: int) -> int:
        """Rounds until ``trades`` trades in all have been projected; how many rounds wrote."""
        seen = wrote = 0
        for _ in range(ROUNDS):
            projected = await self.round()
            seen += len(projected.trades)
            wrote += bool(projected.trades)
            if seen >= trades:
                return wrote
            if not projected.trades:
                await asyncio.sleep(0.1)
        raise AssertionError(f"the log showed {seen} of {trades} trades")

    async def cross(
        self, buyer: Account, seller: Account, symbol: str, price: str, quantity: str
    ) -> None:
        """A resting buy, then a sell at its price: one trade."""
        await self.trading.placed(buyer, symbol=symbol, side="buy", quantity=quantity, price=price)
        sold = await self.trading.placed(
            seller, symbol=symbol, side="sell", quantity=quantity, price=price
        )
        assert sold["status"] == "filled", sold


@pytest.fixture
async def market(trading: Trading) -> Market:
    return Market(trading)
