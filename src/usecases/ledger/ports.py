"""What the ledger's own use cases need: the ledger on their unit of work, the journal for
reading, and the reconciliation check."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.ledger.accounts import AccountId
from domain.ledger.entries import JournalEntry
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.shared.ports.idempotency import IdempotentUnitOfWork
from usecases.shared.ports.ledger import Ledger


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


class LedgerUnitOfWork(IdempotentUnitOfWork, Protocol):
    @property
    def ledger(self) -> Ledger: ...

    @property
    def journal(self) -> Journal: ...


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
