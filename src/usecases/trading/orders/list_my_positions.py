"""Use case: the caller's brokerage positions by symbol, valued at each instrument's last
trade price (its reference price before any trade): quantity, average cost, cost basis,
market value, realized and unrealized P&L. Cap table holdings are not positions here."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.trading.buying_power import rounded
from domain.trading.position import Position
from usecases.trading.access import trader
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class PositionView:
    position: Position
    last_price: Decimal
    market_value: Decimal
    unrealized_pnl: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyPositions:
    actor: Actor
    page: PageRequest


class ListMyPositionsHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyPositions) -> Page[PositionView]:
        user = trader(cmd.actor)
        async with self._uow as uow:
            page = await uow.positions.page(user, cmd.page)
            instruments = await uow.instruments.of_ids({p.instrument_id for p in page.items})
        views = []
        for position in page.items:
            last = instruments[position.instrument_id].mark
            currency = position.currency
            views.append(
                PositionView(
                    position=position,
                    last_price=last,
                    market_value=rounded(position.market_value(last), currency),
                    unrealized_pnl=rounded(position.unrealized_pnl(last), currency),
                )
            )
        return Page(items=views, next_cursor=page.next_cursor)
