"""Use case: one side of an instrument's order book, its price levels best first (price,
quantity, orders), a page at a time, as its owner holds it after the last committed batch;
anyone signed in. The pages reach the best thousand levels."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.cursor import decode_keyset, encode_keyset
from domain.shared.pagination import Page, PageRequest
from domain.trading.errors import InstrumentNotFound
from domain.trading.terms import Side
from usecases.trading.access import signed_in
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import BookLevel, Look
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetBookDepth:
    actor: Actor
    symbol: str
    side: Side
    page: PageRequest


class GetBookDepthHandler:
    def __init__(self, uow: TradingUnitOfWork, matcher: Matcher) -> None:
        self._uow = uow
        self._matcher = matcher

    async def execute(self, cmd: GetBookDepth) -> Page[BookLevel]:
        signed_in(cmd.actor)
        scope = f"trading-book:{cmd.symbol}:{cmd.side}"
        after = None
        if cmd.page.cursor is not None:
            (key,) = decode_keyset(scope, cmd.page.cursor, (int,))
            after = key if isinstance(key, int) else None
        async with self._uow as uow:
            instrument = await uow.instruments.by_symbol(cmd.symbol)
        if instrument is None:
            raise InstrumentNotFound(cmd.symbol)
        look = Look(side=cmd.side, levels=cmd.page.limit + 1, after=after)
        levels: list[BookLevel] = await self._matcher.submit(instrument.id, look)
        shown = levels[: cmd.page.limit]
        more = len(levels) > cmd.page.limit
        cursor = encode_keyset(scope, (shown[-1].ticks,)) if more and shown else None
        return Page(items=shown, next_cursor=cursor)
