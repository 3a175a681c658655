"""The ledger, for every context that moves money or shares (banking, trading, captable...).

A ``Ledger`` works *inside the caller's transaction*: it is built on the caller's unit-of-work
session (wiring hands the adapter's ``ledger_factory`` to that unit of work), so a withdrawal
row and the hold on the user's cash commit together or not at all. The ledger never commits.

Every write locks the accounts it touches (``SELECT ... FOR UPDATE``, in account-id order, so
concurrent entries cannot deadlock) and checks, under the lock, that no user account goes
below zero available. Callers import the vocabulary from here only."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any, Protocol

from domain.ledger.accounts import Account, AccountId, AccountKind, AccountSpec, Balance
from domain.ledger.assets import Asset
from domain.ledger.entries import EntryId, JournalEntry, Leg, NewEntry, Posting
from domain.ledger.errors import (
    AccountNotFound,
    AssetMismatch,
    DuplicateReference,
    EntryAlreadyReversed,
    EntryNotFound,
    HoldNotFound,
    HoldNotPending,
    InsufficientFunds,
    InvalidPosting,
    UnbalancedEntry,
)
from domain.ledger.holds import Hold, HoldId, HoldStatus
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

__all__ = [
    "Account",
    "AccountId",
    "AccountKind",
    "AccountNotFound",
    "AccountSpec",
    "Asset",
    "AssetMismatch",
    "Balance",
    "DuplicateReference",
    "EntryAlreadyReversed",
    "EntryId",
    "EntryNotFound",
    "Hold",
    "HoldId",
    "HoldNotFound",
    "HoldNotPending",
    "HoldStatus",
    "InsufficientFunds",
    "InvalidPosting",
    "JournalEntry",
    "Ledger",
    "Leg",
    "NewEntry",
    "Posting",
    "UnbalancedEntry",
]


class Ledger(Protocol):
    async def open_account(self, spec: AccountSpec) -> Account:
        """The account for (owner, kind, asset), created on first use."""
        ...

    async def open_accounts(self, *specs: AccountSpec) -> list[Account]:
        """``open_account`` of each spec, in order (one read when they all exist)."""
        ...

    async def open_locked(self, *specs: AccountSpec) -> list[Account]:
        """``open_accounts``, and the accounts locked for the entry this transaction posts
        next (the rows in id order, a shard of a hot one), so that its ``post`` locks nothing
        more: one statement when they exist. Take them just before the entry; a hot account
        is answered with its total balance."""
        ...

    async def find_account(
        self, owner: UserId | None, kind: AccountKind, asset_code: str
    ) -> Account | None: ...

    async def get_account(self, account_id: AccountId) -> Account:
        """Raises ``AccountNotFound``."""
        ...

    async def lock_accounts(self, specs: Sequence[AccountSpec]) -> list[Account]:
        """Lock the existing accounts of these specs at once, in account-id order, for the
        rest of the transaction: a caller that will write to several accounts over many
        writes (a matcher batch) takes them all first, so two such transactions queue
        instead of deadlocking; its later writes to them lock nothing more. Accounts not
        opened yet are left out (nothing is opened)."""
        ...

    async def post(self, entry: NewEntry) -> JournalEntry:
        """Post a balanced entry (raises ``UnbalancedEntry``, ``InvalidPosting``,
        ``AssetMismatch``, ``InsufficientFunds``, ``DuplicateReference``)."""
        ...

    async def entry_by_reference(self, reference: str) -> JournalEntry | None: ...

    async def get_entry(self, entry_id: EntryId) -> JournalEntry:
        """Raises ``EntryNotFound``."""
        ...

    async def reverse(
        self, entry_id: EntryId, *, memo: str, reference: str | None = None
    ) -> JournalEntry:
        """A new entry with every posting negated, linked to the original (raises
        ``EntryAlreadyReversed``; ``InsufficientFunds`` if what it credited was spent)."""
        ...

    async def place_hold(
        self,
        account_id: AccountId,
        amount: Decimal,
        *,
        memo: str,
        reference: str | None = None,
        hold_id: HoldId | None = None,
    ) -> Hold:
        """Set ``amount`` aside (raises ``InsufficientFunds`` beyond the available balance);
        ``hold_id`` names the new hold (a result stored before the hold is written)."""
        ...

    async def get_hold(self, hold_id: HoldId) -> Hold:
        """Raises ``HoldNotFound``."""
        ...

    async def capture_hold(
        self,
        hold_id: HoldId,
        counter: Sequence[Leg],
        *,
        memo: str,
        reference: str | None = None,
        metadata: Mapping[str, Any] | None = None,
    ) -> tuple[Hold, JournalEntry]:
        """Capture ``sum(counter)`` of the hold: the held account is debited by it and each
        counter leg credited; what was held beyond it is freed (raises ``HoldNotPending``)."""
        ...

    async def release_hold(self, hold_id: HoldId) -> Hold:
        """Free the whole hold (raises ``HoldNotPending``)."""
        ...

    async def accounts_of(self, owner: UserId, page: PageRequest) -> Page[Account]:
        """A user's accounts by asset and kind, a page at a time, with posted and held amounts
        (available = posted - held)."""
        ...
