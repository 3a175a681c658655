"""Unit of work of the ledger context. The ``Ledger`` on it comes from the same factory that
wiring hands to other contexts' units of work (banking, trading): one adapter, one session."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.ledger.history import SqlHistory
from adapters.persistence.ledger.journal import SqlJournal
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from usecases.ledger.public import Ledger

LedgerFactory = Callable[[AsyncSession], Ledger]


class LedgerUnitOfWork(SqlAlchemyUnitOfWork):
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
    def ledger(self) -> Ledger:
        return self._ledger_factory(self.session)

    @property
    def journal(self) -> SqlJournal:
        return SqlJournal(self.session)

    @property
    def history(self) -> SqlHistory:
        return SqlHistory(self.session)
