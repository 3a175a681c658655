"""Sandbox bank rail: deterministic penny drops by the account number's last four digits.

- ``…0404`` (e.g. ``123456780404``): the bank has no such account;
- ``…0503`` (e.g. ``123456780503``): the rail times out (after the configured latency);
- ``…0999`` (e.g. ``123456780999``): held by ``SUNITA DEVI RAO``, so other names mismatch;
- anything else (e.g. ``001234567890``): held by the name sent with the request, upper-cased
  (``ACCOUNT HOLDER`` without one).

Every successful drop credits INR 1.00."""

from __future__ import annotations

import asyncio
from decimal import Decimal
from typing import Final

from usecases.shared.ports.bank_rail import (
    BankAccountNotFound,
    BankRailUnavailable,
    PennyDropResult,
)

FIXED_HOLDER: Final = "SUNITA DEVI RAO"
PENNY: Final = Decimal("1.00")


class SandboxBankRail:
    def __init__(self, *, latency_seconds: float = 0.0) -> None:
        self._latency = latency_seconds

    async def penny_drop(
        self, account_number: str, ifsc: str, *, reference: str, name: str | None = None
    ) -> PennyDropResult:
        if self._latency:
            await asyncio.sleep(self._latency)
        suffix = account_number[-4:]
        if suffix == "0404":
            raise BankAccountNotFound("no such account")
        if suffix == "0503":
            raise BankRailUnavailable("bank timeout")
        holder = FIXED_HOLDER if suffix == "0999" else (name or "account holder").upper()
        return PennyDropResult(holder_name=holder, amount=PENNY, reference=reference)
