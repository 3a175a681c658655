"""Sandbox bank rail: deterministic penny drops, collections and payouts.

Penny drops, by the account number's last four digits:

- ``…0404`` (e.g. ``123456780404``): the bank has no such account;
- ``…0503`` (e.g. ``123456780503``): the rail times out (after the configured latency);
- ``…0999`` (e.g. ``123456780999``): held by ``SUNITA DEVI RAO``, so other names mismatch;
- anything else (e.g. ``001234567890``): held by the name sent with the request, upper-cased
  (``ACCOUNT HOLDER`` without one).

Every successful drop credits INR 1.00.

Collections (deposits) and payouts (withdrawals) are accepted at once; after
``settle_seconds`` the sandbox calls our webhook with a signed event. By the amount's fraction:

- ``.13`` (e.g. ``500.13``): ``deposit.failed`` (``declined_by_bank``) or ``payout.failed``
  (``beneficiary_account_closed``);
- anything else: ``deposit.completed`` or ``payout.settled``.

A settlement scheduled in a process that stops before it fires is lost (it is a sandbox)."""

from __future__ import annotations

import asyncio
import logging
import secrets
from decimal import Decimal
from typing import Any, Final, Protocol

from usecases.banking.public import (
    BankAccountNotFound,
    BankRailUnavailable,
    CollectionRequest,
    PayoutRequest,
    PennyDropResult,
    RailAccepted,
)

log = logging.getLogger("meridian.bank_rail.sandbox")

FIXED_HOLDER: Final = "SUNITA DEVI RAO"
PENNY: Final = Decimal("1.00")
FAILING_FRACTION: Final = Decimal("0.13")


class WebhookSender(Protocol):
    async def send(self, event: dict[str, Any]) -> int: ...


def fails(amount: Decimal) -> bool:
    return amount % 1 == FAILING_FRACTION


class SandboxBankRail:
    def __init__(
        self,
        *,
        latency_seconds: float = 0.0,
        settle_seconds: float = 0.0,
        webhooks: WebhookSender | None = None,
    ) -> None:
        self._latency = latency_seconds
        self._settle = settle_seconds
        self._webhooks = webhooks
        self._tasks: set[asyncio.Task[None]] = set()

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

    async def collect(self, request: CollectionRequest) -> RailAccepted:
        failed = fails(request.amount)
        return await self._accept(
            request.reference,
            request.amount,
            request.currency,
            "deposit.failed" if failed else "deposit.completed",
            "declined_by_bank" if failed else None,
        )

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        failed = fails(request.amount)
        return await self._accept(
            request.reference,
            request.amount,
            request.currency,
            "payout.failed" if failed else "payout.settled",
            "beneficiary_account_closed" if failed else None,
        )

    async def _accept(
        self, reference: str, amount: Decimal, currency: str, kind: str, reason: str | None
    ) -> RailAccepted:
        if self._latency:
            await asyncio.sleep(self._latency)
        if self._webhooks is None:
            raise BankRailUnavailable("the sandbox rail has no webhook to call back")
        rail_reference = f"sbx_{secrets.token_hex(8)}"
        event = {
            "id": f"evt_{secrets.token_hex(12)}",
            "type": kind,
            "reference": reference,
            "rail_reference": rail_reference,
            "amount": f"{amount:f}",
            "currency": currency,
            "failure_reason": reason,
        }
        task = asyncio.get_running_loop().create_task(self._deliver(event))
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)
        return RailAccepted(rail_reference)

    async def _deliver(self, event: dict[str, Any]) -> None:
        await asyncio.sleep(self._settle)
        assert self._webhooks is not None
        try:
            await self._webhooks.send(event)
        except Exception:  # a sandbox callback never takes the worker down
            log.exception("sandbox webhook failed", extra={"event_id": event["id"]})

    async def drain(self) -> None:
        """Wait for every scheduled settlement to be delivered (tests, shutdown)."""
        while self._tasks:
            await asyncio.gather(*list(self._tasks))
