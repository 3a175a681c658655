"""Trading's unit of work: its repositories and the ledger on one session, so the orders,
trades, positions and ledger postings of a matcher batch commit together or not at all."""

from __future__ import annotations

from collections.abc import Callable
from contextlib import AbstractAsyncContextManager
from types import TracebackType
from typing import Any

from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.integrity import translate
from adapters.persistence.trading.repositories import (
    SqlFills,
    SqlInstruments,
    SqlOrders,
    SqlPositions,
)
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from usecases.ledger.public import Ledger

LedgerFactory = Callable[[AsyncSession], Ledger]

CONSTRAINT_FIELDS = {
    "uq_trading_instruments_symbol": "symbol",
    "uq_trading_orders_user_id_client_order_id": "client_order_id",
}


class TradingUnitOfWork(SqlAlchemyUnitOfWork):
    def __init__(
        self,
        session_factory: Callable[[], AsyncSession],
        *,
        ledger_factory: LedgerFactory,
        **options: Any,
    ) -> None:
        super().__init__(session_factory, **options)
        self._ledger_factory = ledger_factory

    @property
    def instruments(self) -> SqlInstruments:
        return SqlInstruments(self.session)

    @property
    def orders(self) -> SqlOrders:
        return SqlOrders(self.session)

    @property
    def fills(self) -> SqlFills:
        return SqlFills(self.session)

    @property
    def positions(self) -> SqlPositions:
        return SqlPositions(self.session)

    @property
    def ledger(self) -> Ledger:
        return self._ledger_factory(self.session)

    def savepoint(self) -> AbstractAsyncContextManager[object]:
        return self.session.begin_nested()

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        await super().__aexit__(exc_type, exc, tb)
        # a deadlock or serialization failure under the matcher's own error (a request that
        # failed after it changed the book): ``concurrent_update`` too, worth one more go
        cause = None if exc is None else exc.__cause__
        while cause is not None and not isinstance(cause, DBAPIError):
            cause = cause.__cause__
        if cause is not None and exc is not None:
            translated = translate(cause)
            if translated is not None and translated.error_code == "concurrent_update":
                raise translated from exc
