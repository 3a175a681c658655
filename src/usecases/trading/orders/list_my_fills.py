"""Use case: the caller's fills, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from domain.trading.fill import Fill
from usecases.trading.access import trader
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyFills:
    actor: Actor
    page: PageRequest


class ListMyFillsHandler:
    def __init__(self, uow: TradingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyFills) -> Page[Fill]:
        user = trader(cmd.actor)
        async with self._uow as uow:
            return await uow.fills.page(user, cmd.page)
