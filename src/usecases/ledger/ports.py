"""What the ledger's own use cases need: the ledger on their unit of work, the journal for
reading, and the reconciliation check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from domain.ledger.accounts import AccountId
from domain.ledger.entries import JournalEntry
from domain.ledger.history import HistoryFilter, HistoryItem
from domain.ledger.statement import Movement, Statement
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.ledger.public import Ledger
from usecases.shared.ports.idempotency import IdempotentUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class JournalFilter:
    """Entries with a posting matching every given field, newest first."""

    account_id: AccountId | None = None
    owner: UserId | None = None
    asset: str | None = None
    reference: str | None = None
    since: datetime | None = None
    until: datetime | None = None


class Journal(Protocol):
    async def page(self, where: JournalFilter, page: PageRequest) -> Page[JournalEntry]: ...


class History(Protocol):
    async def page(
        self, owner: UserId, where: HistoryFilter, page: PageRequest
    ) -> Page[HistoryItem]:
        """The owner's postings newest first, each with its account's balance after it."""
        ...

    async def balance_before(self, account_id: AccountId, moment: datetime) -> Decimal: ...

    async def movements(
        self, account_id: AccountId, since: datetime, until: datetime
    ) -> list[Movement]:
        """The account's postings in ``[since, until)``, oldest first."""
        ...


class LedgerUnitOfWork(IdempotentUnitOfWork, Protocol):
    @property
    def ledger(self) -> Ledger: ...

    @property
    def journal(self) -> Journal: ...

    @property
    def history(self) -> History: ...


class StatementRenderer(Protocol):
    def __call__(self, statement: Statement) -> bytes:
        """The statement as a PDF document."""
        ...


@dataclass(frozen=True, slots=True)
class Violation:
    rule: str  # e.g. "entry_balanced"
    subject: str  # what breaks it, e.g. "entry 0190..."
    detail: str


@dataclass(frozen=True, slots=True)
class LedgerTotals:
    accounts: int
    entries: int
    postings: int
    holds: int


class LedgerInspector(Protocol):
    """Reads the whole ledger in one consistent snapshot to find the first broken invariant."""

    async def inspect(self) -> tuple[LedgerTotals, Violation | None]: ...
