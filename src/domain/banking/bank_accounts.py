"""A bank account a user linked to receive withdrawals: sealed number, masked form, IFSC,
holder name, and whether a penny drop proved the holder is the user."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import Conflict, NotFound, RuleViolated
from domain.shared.ids import UserId


class BankAccountState(StrEnum):
    VERIFIED = "verified"
    FAILED = "failed"


class BankAccountNotFound(NotFound):
    code = "bank_account_not_found"
    title = "Bank account not found"


class BankAccountNotVerified(RuleViolated):
    code = "bank_account_not_verified"
    title = "Bank account not verified"


class BankAccountAlreadyLinked(Conflict):
    code = "bank_account_already_linked"
    title = "Bank account already linked"


class BankAccountInUse(Conflict):
    code = "bank_account_in_use"
    title = "Bank account has a pending withdrawal"


class VerifiedNameRequired(RuleViolated):
    code = "verified_name_required"
    title = "Verify a bank account in KYC first"


class BankAccountSource(StrEnum):
    KYC = "kyc"  # the account verified in the KYC bank step, adopted on first banking use
    LINKED = "linked"  # added in banking, verified there by its own penny drop


# Why a penny drop did not verify an account.
ACCOUNT_NOT_FOUND = "account_not_found"
NAME_MISMATCH = "name_mismatch"


def bank_account_context(account_id: UUID) -> bytes:
    """What a linked account's sealed number is bound to (the field cipher's context)."""
    return f"banking_bank_account:{account_id}".encode()


@dataclass(slots=True, kw_only=True)
class LinkedBankAccount:
    id: UUID
    user_id: UserId
    sealed_number: str
    number_index: str
    masked_number: str
    ifsc: str
    bank_name: str | None
    holder_name: str
    name_match_score: float | None
    state: BankAccountState
    failure_reason: str | None
    is_primary: bool
    source: BankAccountSource
    penny_drop_reference: str | None
    created_at: datetime
    removed_at: datetime | None = None

    @property
    def verified(self) -> bool:
        return self.state is BankAccountState.VERIFIED

    def require_verified(self) -> None:
        if self.state is not BankAccountState.VERIFIED:
            raise BankAccountNotVerified(
                "withdrawals go only to a bank account verified by a penny drop"
            )
