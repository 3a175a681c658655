"""Use case (the worker's, every few seconds): every resting DAY or GTD order whose time has
come expires through its instrument's matcher, which releases its hold. Orders whose partition
another process owns are left to it."""

from __future__ import annotations

import asyncio
from dataclasses import dataclass

from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from usecases.trading.config import TradingConfig
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Expire
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True)
class ExpireOrders:
    pass


class ExpireOrdersHandler:
    def __init__(
        self, uow: TradingUnitOfWork, matcher: Matcher, clock: Clock, config: TradingConfig
    ) -> None:
        self._uow = uow
        self._matcher = matcher
        self._clock = clock
        self._config = config

    async def execute(self, cmd: ExpireOrders) -> int:
        async with self._uow as uow:
            due = await uow.orders.due(self._clock.now(), self._config.expiry_batch)
        results = await asyncio.gather(
            *(
                self._matcher.submit(o.instrument_id, Expire(order_id=o.id, sequence=o.sequence))
                for o in due
            ),
            return_exceptions=True,
        )
        for result in results:
            if isinstance(result, BaseException) and not isinstance(result, DomainError):
                raise result
        return sum(1 for r in results if not isinstance(r, BaseException))
