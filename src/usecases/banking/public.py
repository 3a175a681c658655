"""Bank-rail port: the payment network between Meridian and users' banks.

KYC and banking use the penny drop (a token credit that reads back the account holder's name);
banking submits collections (deposits) and payouts (withdrawals), which the rail accepts at once
and settles later by calling our webhook (``POST /api/v1/banking/webhooks/rail``, signed). The
sandbox adapter is ``infrastructure/bank_rail/sandbox.py``, the production HTTP client
``.../http.py``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Literal, Protocol


@dataclass(frozen=True, slots=True)
class PennyDropResult:
    holder_name: str  # as the bank holds it
    amount: Decimal  # credited to the account, in INR
    reference: str  # ours, echoed back


class BankRailError(Exception):
    """A rail answer that is not a result."""


class BankAccountNotFound(BankRailError):
    """The bank has no such account at that branch (or it cannot take credits)."""


class BankRailUnavailable(BankRailError):
    """The rail or the bank timed out or failed; nothing was credited, try again later."""


@dataclass(frozen=True, slots=True, kw_only=True)
class CollectionRequest:
    reference: str  # ours: deposit:<id>; the rail answers idempotently per reference
    amount: Decimal
    currency: str
    method: str


@dataclass(frozen=True, slots=True, kw_only=True)
class PayoutRequest:
    reference: str  # ours: withdrawal:<id>
    amount: Decimal
    currency: str
    account_number: str
    ifsc: str
    holder_name: str

    def __repr__(self) -> str:  # never the number, even in a traceback
        return f"PayoutRequest(reference={self.reference!r}, amount={self.amount!r})"


@dataclass(frozen=True, slots=True)
class RailAccepted:
    rail_reference: str  # the rail's id of the transfer, echoed in its webhook


class RailOutcome(StrEnum):
    PENDING = "pending"  # accepted, not settled yet: ask again later
    SUCCEEDED = "succeeded"  # the deposit was collected / the payout paid
    FAILED = "failed"  # refused by the bank; nothing moved
    UNKNOWN = "unknown"  # the rail does not know our reference


@dataclass(frozen=True, slots=True, kw_only=True)
class StatusQuery:
    kind: Literal["collection", "payout"]
    reference: str  # ours: deposit:<id> or withdrawal:<id>
    rail_reference: str | None  # the rail's, when it answered the submission
    amount: Decimal
    currency: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RailStatus:
    outcome: RailOutcome
    rail_reference: str | None = None
    failure_reason: str | None = None  # when failed


class BankRail(Protocol):
    async def penny_drop(
        self, account_number: str, ifsc: str, *, reference: str, name: str | None = None
    ) -> PennyDropResult:
        """Credits a token amount to the account and returns its holder name. ``reference`` is
        our idempotency reference; ``name`` is the name we expect, sent as rails accept it (it
        never changes the holder name returned). Raises ``BankAccountNotFound`` or
        ``BankRailUnavailable``."""
        ...

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        """Start collecting a deposit; the outcome arrives by webhook. Raises
        ``BankRailUnavailable`` (retry later)."""
        ...

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        """Start paying out a withdrawal; the outcome arrives by webhook. Raises
        ``BankRailUnavailable`` (retry later)."""
        ...

    async def status(self, query: StatusQuery) -> RailStatus:
        """Where a submitted collection or payout stands now (reconciliation, when its webhook
        never came). Raises ``BankRailUnavailable`` (ask again later)."""
        ...
