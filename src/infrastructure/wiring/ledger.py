"""Ledger context wiring: balances, my transactions and statements, journal, adjustments,
reversals, reconciliation. The ``ledger_factory`` other contexts' units of work receive to post
inside their transaction is in ``infrastructure.ledger.public``."""

from __future__ import annotations

from adapters.http.ledger.history_router import router as history_router
from adapters.http.ledger.router import router
from adapters.persistence.ledger.inspector import SqlLedgerInspector
from adapters.persistence.ledger.unit_of_work import LedgerUnitOfWork
from infrastructure.container import Container
from infrastructure.ledger.public import ledger_factory
from infrastructure.ledger.statement_pdf import render_statement_pdf
from infrastructure.wiring.kernel import idempotency_ttl
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import named, once, per_use
from usecases.ledger import ports
from usecases.ledger.check_ledger import CheckLedgerHandler
from usecases.ledger.get_monthly_statement import (
    GetMonthlyStatementHandler,
    RenderMonthlyStatementHandler,
)
from usecases.ledger.get_my_balances import GetMyBalancesHandler
from usecases.ledger.list_journal import ListJournalHandler
from usecases.ledger.list_my_transactions import ListMyTransactionsHandler
from usecases.ledger.post_adjustment import PostAdjustmentHandler
from usecases.ledger.reverse_entry import ReverseEntryHandler


def unit_of_work(container: Container) -> LedgerUnitOfWork:
    return LedgerUnitOfWork(
        container.session_factory,
        ledger_factory=ledger_factory(container),
        notifier_factory=container.notifier_factory,
        clock=container.clock,
    )


def check_handler(container: Container) -> CheckLedgerHandler:
    """``meridian ledger check`` builds only this handler."""
    return CheckLedgerHandler(SqlLedgerInspector(container.session_factory))


def statement_renderer() -> ports.StatementRenderer:
    return render_statement_pdf


MODULE = ContextModule(
    name="ledger",
    handlers=(
        GetMyBalancesHandler,
        ListJournalHandler,
        PostAdjustmentHandler,
        ReverseEntryHandler,
        CheckLedgerHandler,
        ListMyTransactionsHandler,
        GetMonthlyStatementHandler,
        RenderMonthlyStatementHandler,
    ),
    collaborators=(
        per_use(ports.LedgerUnitOfWork, unit_of_work),
        once(ports.LedgerInspector, SqlLedgerInspector),
        once(ports.StatementRenderer, statement_renderer),
        named("idempotency_ttl", idempotency_ttl),
    ),
    routers=(Mounted(router), Mounted(history_router)),
)
