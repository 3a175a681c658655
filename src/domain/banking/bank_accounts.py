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
    created_at: datetime

    def require_verified(self) -> None:
        if self.state is not BankAccountState.VERIFIED:
            raise BankAccountNotVerified(
                "withdrawals go only to a bank account verified by a penny drop"
            )
