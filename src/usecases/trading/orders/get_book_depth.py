"""Use case: an instrument's order book, its best levels a side (price, quantity, orders), as
its owner holds it after the last committed batch; anyone signed in."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.trading.errors import InstrumentNotFound
from usecases.trading.access import signed_in
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Depth, Look
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetBookDepth:
    actor: Actor
    symbol: str
    levels: int = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class BookDepth:
    symbol: str
    currency: str
    depth: Depth


class GetBookDepthHandler:
    def __init__(self, uow: TradingUnitOfWork, matcher: Matcher) -> None:
        self._uow = uow
        self._matcher = matcher

    async def execute(self, cmd: GetBookDepth) -> BookDepth:
        signed_in(cmd.actor)
        async with self._uow as uow:
            instrument = await uow.instruments.by_symbol(cmd.symbol)
        if instrument is None:
            raise InstrumentNotFound(cmd.symbol)
        depth: Depth = await self._matcher.submit(instrument.id, Look(levels=cmd.levels))
        return BookDepth(symbol=instrument.symbol, currency=instrument.currency, depth=depth)
