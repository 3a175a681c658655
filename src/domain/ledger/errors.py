"""What the ledger refuses, each with a stable code."""

from __future__ import annotations

from domain.shared.errors import Conflict, NotFound, RuleViolated, ValidationFailed


class UnbalancedEntry(ValidationFailed):
    code = "unbalanced_entry"
    title = "Journal entry does not balance"


class InvalidPosting(ValidationFailed):
    code = "invalid_posting"
    title = "Posting not valid"


class InsufficientFunds(RuleViolated):
    code = "insufficient_funds"
    title = "Insufficient available balance"


class AssetMismatch(ValidationFailed):
    code = "asset_mismatch"
    title = "Amount in another asset than the account's"


class AccountNotFound(NotFound):
    code = "ledger_account_not_found"
    title = "Ledger account not found"


class EntryNotFound(NotFound):
    code = "journal_entry_not_found"
    title = "Journal entry not found"


class HoldNotFound(NotFound):
    code = "hold_not_found"
    title = "Hold not found"


class HoldNotPending(Conflict):
    code = "hold_not_pending"
    title = "Hold already captured or released"


class EntryAlreadyReversed(Conflict):
    code = "entry_already_reversed"
    title = "Journal entry already reversed"


class DuplicateReference(Conflict):
    code = "duplicate_entry_reference"
    title = "A journal entry with this reference exists"
