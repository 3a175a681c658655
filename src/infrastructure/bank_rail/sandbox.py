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

Status queries (reconciliation) answer ``pending`` until a collection's or payout's settlement
is due, then its outcome. The sandbox decides outcomes from the amount alone, so a process that
did not accept the instruction (a restarted worker) answers the same outcome at once.

A graceful stop (``drain(at_once=True)``) delivers every scheduled settlement now, within a
bound; a settlement scheduled in a process that is killed is lost to the webhook, and
reconciliation settles it later from the status query.

With ``webhook_batch`` above 1 (``BANK_RAIL_SANDBOX_WEBHOOK_BATCH``), settlements that fall due
together are delivered in signed batches of up to that many events (``webhook_batches.py``),
each event still idempotent by its id at the webhook."""

from __future__ import annotations

import asyncio
import contextlib
import logging
import secrets
import time
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Final, Protocol, cast

from infrastructure.bank_rail.webhook_batches import WebhookBatches
from usecases.banking.public import (
    BankAccountNotFound,
    BankRailUnavailable,
    CollectionRequest,
    PayoutRequest,
    PennyDropResult,
    RailAccepted,
    RailOutcome,
    RailStatus,
    StatusQuery,
)

log = logging.getLogger("meridian.bank_rail.sandbox")

FIXED_HOLDER: Final = "SUNITA DEVI RAO"
PENNY: Final = Decimal("1.00")
FAILING_FRACTION: Final = Decimal("0.13")
DRAIN_SECONDS: Final = 10.0  # the longest a graceful stop waits for scheduled settlements
BATCH_LINGER_SECONDS: Final = 0.05  # the longest a due settlement waits for its batch to fill


class WebhookSender(Protocol):
    async def send(self, event: dict[str, Any]) -> int: ...


class BatchWebhookSender(WebhookSender, Protocol):
    async def send_batch(self, events: list[dict[str, Any]]) -> int: ...


def fails(amount: Decimal) -> bool:
    return amount % 1 == FAILING_FRACTION


def failure_reason(kind: str, amount: Decimal) -> str | None:
    """Why the sandbox fails a collection or payout of ``amount`` (``None``: it succeeds)."""
    if not fails(amount):
        return None
    return "declined_by_bank" if kind == "collection" else "beneficiary_account_closed"


@dataclass(frozen=True, slots=True)
class _Accepted:
    rail_reference: str
    failure_reason: str | None
    due: float  # time.monotonic() when it settles


class SandboxBankRail:
    def __init__(
        self,
        *,
        latency_seconds: float = 0.0,
        settle_seconds: float = 0.0,
        webhooks: WebhookSender | None = None,
        webhook_batch: int = 1,
    ) -> None:
        self._latency = latency_seconds
        self._settle = settle_seconds
        self._webhooks = webhooks
        self._batches: WebhookBatches | None = None
        if webhook_batch > 1 and webhooks is not None:
            assert hasattr(webhooks, "send_batch"), "batched delivery needs send_batch"
            self._batches = WebhookBatches(
                cast(BatchWebhookSender, webhooks),
                size=webhook_batch,
                linger=BATCH_LINGER_SECONDS,
            )
        self._tasks: set[asyncio.Task[None]] = set()
        self._accepted: dict[str, _Accepted] = {}
        self._now = asyncio.Event()  # set: scheduled settlements are delivered at once

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
        reason = failure_reason("collection", request.amount)
        return await self._accept(
            request.reference,
            request.amount,
            request.currency,
            "deposit.failed" if reason else "deposit.completed",
            reason,
        )

    async def payout(self, request: PayoutRequest) -> RailAccepted:
        reason = failure_reason("payout", request.amount)
        return await self._accept(
            request.reference,
            request.amount,
            request.currency,
            "payout.failed" if reason else "payout.settled",
            reason,
        )

    async def _accept(
        self, reference: str, amount: Decimal, currency: str, kind: str, reason: str | None
    ) -> RailAccepted:
        if self._latency:
            await asyncio.sleep(self._latency)
        if self._webhooks is None:
            raise BankRailUnavailable("the sandbox rail has no webhook to call back")
        rail_reference = f"sbx_{secrets.token_hex(8)}"
        self._accepted[reference] = _Accepted(
            rail_reference, reason, time.monotonic() + self._settle
        )
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

    async def status(self, query: StatusQuery) -> RailStatus:
        if self._latency:
            await asyncio.sleep(self._latency)
        accepted = self._accepted.get(query.reference)
        if accepted is None:  # accepted by another process: decided by the amount, as there
            reason = failure_reason(query.kind, query.amount)
            rail_reference = query.rail_reference
        elif time.monotonic() < accepted.due:
            return RailStatus(outcome=RailOutcome.PENDING, rail_reference=accepted.rail_reference)
        else:
            reason, rail_reference = accepted.failure_reason, accepted.rail_reference
        return RailStatus(
            outcome=RailOutcome.FAILED if reason else RailOutcome.SUCCEEDED,
            rail_reference=rail_reference,
            failure_reason=reason,
        )

    async def _deliver(self, event: dict[str, Any]) -> None:
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._now.wait(), timeout=self._settle)
        assert self._webhooks is not None
        try:
            if self._batches is not None:
                await self._batches.deliver(event)
            else:
                await self._webhooks.send(event)
        except Exception:  # a sandbox callback never takes the worker down
            log.exception("sandbox webhook failed", extra={"event_id": event["id"]})

    async def drain_at_once(self) -> None:
        await self.drain(at_once=True)

    async def drain(self, *, at_once: bool = False) -> None:
        """Wait for every scheduled settlement to be delivered (tests); ``at_once`` (a graceful
        stop): deliver them now, waiting at most ``DRAIN_SECONDS``; what is still undelivered
        then is logged and left to reconciliation."""
        if not at_once:
            while self._tasks:
                await asyncio.gather(*list(self._tasks))
            return
        self._now.set()
        if self._batches is not None:
            self._batches.at_once()
        if not self._tasks:
            return
        log.info(
            "delivering scheduled settlements before stopping", extra={"count": len(self._tasks)}
        )
        _, undelivered = await asyncio.wait(list(self._tasks), timeout=DRAIN_SECONDS)
        if undelivered:
            log.warning(
                "sandbox settlements not delivered before stopping: reconciliation settles them",
                extra={"count": len(undelivered)},
            )
            for task in undelivered:
                task.cancel()
            if self._batches is not None:
                self._batches.cancel()
