"""Verified bank accounts port: the account a user proved in KYC (penny drop, name match) is
their withdrawal destination. KYC implements it; banking reads it and never the KYC tables."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True)
class VerifiedBankAccount:
    user_id: UserId
    masked_number: str  # XXXXXX7890: the only form to show
    ifsc: str
    holder_name: str
    bank_name: str
    branch: str
    verified_at: datetime


@dataclass(frozen=True, slots=True)
class SealedAccountNumber:
    """The account number as sealed by the field cipher, and the context it is bound to:
    ``cipher.decrypt(token, context=context)`` opens it (for a payout instruction only)."""

    token: str
    context: bytes

    def __repr__(self) -> str:
        return "SealedAccountNumber(...)"


class VerifiedBankAccounts(Protocol):
    async def verified_account(self, user_id: UserId) -> VerifiedBankAccount | None:
        """The user's verified account, or None while the bank step is not verified."""
        ...

    async def sealed_account_number(self, user_id: UserId) -> SealedAccountNumber | None: ...
