"""Ledger context wiring: balances, my transactions and statements, journal, adjustments,
reversals, reconciliation. The ``ledger_factory`` other contexts' units of work receive to post
inside their transaction is in ``infrastructure.ledger.public``."""

from __future__ import annotations

from datetime import timedelta

from adapters.http.ledger.history_router import router as history_router
from adapters.http.ledger.router import router
from adapters.http.registry import HandlerRegistry
from adapters.persistence.ledger.inspector import SqlLedgerInspector
from adapters.persistence.ledger.unit_of_work import LedgerUnitOfWork
from infrastructure.container import Container
from infrastructure.identity.public import user_directory
from infrastructure.ledger.public import ledger_factory
from infrastructure.ledger.statement_pdf import render_statement_pdf
from infrastructure.wiring.module import ContextModule, Mounted
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


def idempotency_ttl(container: Container) -> timedelta:
    return timedelta(hours=container.settings.idempotency_key_ttl_hours)


def check_handler(container: Container) -> CheckLedgerHandler:
    return CheckLedgerHandler(SqlLedgerInspector(container.session_factory))


def register(registry: HandlerRegistry, container: Container) -> None:
    clock = container.clock
    ttl = idempotency_ttl(container)
    users = user_directory(container)
    registry.register(GetMyBalancesHandler, lambda: GetMyBalancesHandler(unit_of_work(container)))
    registry.register(
        ListJournalHandler, lambda: ListJournalHandler(unit_of_work(container), users)
    )
    registry.register(
        PostAdjustmentHandler,
        lambda: PostAdjustmentHandler(unit_of_work(container), users, clock, idempotency_ttl=ttl),
    )
    registry.register(
        ReverseEntryHandler,
        lambda: ReverseEntryHandler(unit_of_work(container), clock, idempotency_ttl=ttl),
    )
    registry.register(CheckLedgerHandler, lambda: check_handler(container))
    registry.register(
        ListMyTransactionsHandler, lambda: ListMyTransactionsHandler(unit_of_work(container))
    )

    def statements() -> GetMonthlyStatementHandler:
        return GetMonthlyStatementHandler(unit_of_work(container), users, clock)

    registry.register(GetMonthlyStatementHandler, statements)
    registry.register(
        RenderMonthlyStatementHandler,
        lambda: RenderMonthlyStatementHandler(statements(), render_statement_pdf),
    )


MODULE = ContextModule(
    name="ledger", register=register, routers=(Mounted(router), Mounted(history_router))
)
