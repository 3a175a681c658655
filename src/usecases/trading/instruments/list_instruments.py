"""Use cases: the listed instruments by symbol, a page at a time, and one by its symbol;
anyone signed in."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.trading.errors import InstrumentNotFound
from domain.trading.instrument import Instrument
from usecases.trading.access import signed_in
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListInstruments:
    actor: Actor
    page: PageRequest


class ListInstrumentsHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListInstruments) -> Page[Instrument]:
        signed_in(cmd.actor)
        async with self._uow as uow:
            return await uow.instruments.page(cmd.page)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetInstrument:
    actor: Actor
    symbol: str


class GetInstrumentHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetInstrument) -> Instrument:
        signed_in(cmd.actor)
        async with self._uow as uow:
            found = await uow.instruments.by_symbol(cmd.symbol)
        if found is None:
            raise InstrumentNotFound(cmd.symbol)
        return found
