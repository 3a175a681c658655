"""Bank-rail port: the payment network between Meridian and users' banks.

KYC uses the penny drop (a token credit that reads back the account holder's name); the
banking context will add deposits and payouts here. The sandbox adapter is
``infrastructure/bank_rail/sandbox.py``, the production HTTP client ``.../http.py``."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Protocol


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


class BankRail(Protocol):
    async def penny_drop(
        self, account_number: str, ifsc: str, *, reference: str, name: str | None = None
    ) -> PennyDropResult:
        """Credits a token amount to the account and returns its holder name. ``reference`` is
        our idempotency reference; ``name`` is the name we expect, sent as rails accept it (it
        never changes the holder name returned). Raises ``BankAccountNotFound`` or
        ``BankRailUnavailable``."""
        ...
