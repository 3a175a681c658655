"""The ledger's public port for other contexts' wiring: the ``Ledger`` on a unit of work's
session, so a context posts inside its own transaction:

    BankingUnitOfWork(container.session_factory, ledger_factory=ledger_factory(container), ...)
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.ledger.ledger import SqlLedger
from infrastructure.container import Container
from usecases.ledger.public import Ledger


def ledger_factory(container: Container) -> Callable[[AsyncSession], Ledger]:
    """The ``Ledger`` on a unit of work's session, for any context's unit of work."""
    clock = container.clock
    return lambda session: SqlLedger(session, clock)
