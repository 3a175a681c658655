"""Deposits and withdrawals: money crossing between a user's bank account and their cash account.

A deposit is ``pending`` until the bank rail settles it (``completed``, cash credited) or refuses
it (``failed``, nothing moved). A withdrawal holds the funds when it is requested (``pending``),
is ``settled`` when the rail pays out (the hold is captured) or ``failed`` (the hold released).
A settled or failed transfer never changes again.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import Conflict
from domain.shared.ids import UserId


class DepositMethod(StrEnum):
    UPI = "upi"
    NETBANKING = "netbanking"
    NEFT = "neft"
    RTGS = "rtgs"
    IMPS = "imps"


class TransferState(StrEnum):
    PENDING = "pending"
    COMPLETED = "completed"
    FAILED = "failed"


class TransferAlreadySettled(Conflict):
    code = "transfer_already_settled"
    title = "Transfer already settled"


@dataclass(slots=True, kw_only=True)
class Transfer:
    id: UUID
    user_id: UserId
    amount: Decimal
    currency: str
    state: TransferState
    rail_reference: str | None
    failure_reason: str | None
    created_at: datetime
    settled_at: datetime | None

    def _settle(self, state: TransferState, at: datetime) -> None:
        if self.state is not TransferState.PENDING:
            raise TransferAlreadySettled(f"the transfer is already {self.state.value}")
        self.state = state
        self.settled_at = at

    def complete(self, *, at: datetime) -> None:
        self._settle(TransferState.COMPLETED, at)

    def fail(self, reason: str, *, at: datetime) -> None:
        self._settle(TransferState.FAILED, at)
        self.failure_reason = reason


@dataclass(slots=True, kw_only=True)
class Deposit(Transfer):
    method: DepositMethod


@dataclass(slots=True, kw_only=True)
class Withdrawal(Transfer):
    bank_account_id: UUID
    hold_id: UUID
    stepped_up: bool  # a second factor was checked (over the step-up threshold or risky)
    risk_score: int
    risk_reasons: list[dict[str, object]]


def reference_of(kind: str, transfer_id: UUID) -> str:
    """Our reference for a transfer on the rail and in the ledger: ``deposit:<id>``."""
    return f"{kind}:{transfer_id}"


def parse_reference(reference: str) -> tuple[str, UUID] | None:
    kind, _, raw = reference.partition(":")
    if kind not in ("deposit", "withdrawal"):
        return None
    try:
        return kind, UUID(raw)
    except ValueError:
        return None
