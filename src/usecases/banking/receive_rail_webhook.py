"""Use case: the bank rail tells us deposits or payouts settled or failed.

The body is one event, or a batch ``{"events": [event, ...]}`` (at most ``MAX_BATCH_EVENTS``),
as rails that deliver settlement files do. The signature (HMAC over the timestamp and the raw
body, any of the configured secrets) and the timestamp (within the tolerance) are checked first,
once for the whole body; then the events settle their transfers through ``TransferSettlement``
(``settle_transfer``), the path reconciliation takes too: a batch in one transaction, each event
judged on its own (its id remembered, a replayed id refused; an event for a transfer already in
the state it announces, e.g. settled by reconciliation, changes nothing).

An unknown reference, or an amount or currency that is not the transfer's, is refused: a single
event's refusal is the answer (problem+json), a batch's refused events are reported one by one
next to the others, which settle. Every refusal is logged (the reason and event id; never a
secret or the signature)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.banking import webhook_signature
from domain.banking.rail import RailEvent, RailEventType, WebhookPayloadInvalid
from domain.banking.transfers import Transfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from usecases.banking.ports import BankingUnitOfWork
from usecases.banking.settle_transfer import Settlement, TransferSettlement

log = logging.getLogger("meridian.banking.webhook")
RAIL_ACTOR = Actor.system("bank-rail")
MAX_BATCH_EVENTS = 100  # events in one batched delivery


@dataclass(frozen=True, slots=True, kw_only=True)
class ReceiveRailWebhook:
    signature: str | None  # the Meridian-Signature header
    body: bytes  # the raw body, exactly as received

    def __repr__(self) -> str:
        return f"ReceiveRailWebhook(body={len(self.body)} bytes)"


@dataclass(frozen=True, slots=True, kw_only=True)
class WebhookConfig:
    secrets: tuple[bytes, ...]
    tolerance_seconds: int

    def __repr__(self) -> str:
        return f"WebhookConfig({len(self.secrets)} secrets, {self.tolerance_seconds} s)"


@dataclass(frozen=True, slots=True)
class BatchItem:
    """One event of a batch: its position, its id when it had one, and what it did (or why it
    was refused)."""

    index: int
    event_id: str | None
    settlement: Settlement | None = None
    error: DomainError | None = None


@dataclass(frozen=True, slots=True)
class WebhookReceipt:
    """A single event's transfer, or a batch's items in their order."""

    transfer: Transfer | None = None
    batch: tuple[BatchItem, ...] | None = None


def parse_event(body: bytes) -> RailEvent:
    try:
        return event_of(json.loads(body))
    except ValueError:
        raise WebhookPayloadInvalid("the webhook body is not a rail event") from None


def event_of(data: Any) -> RailEvent:
    try:
        reason = data.get("failure_reason")
        return RailEvent(
            id=str(data["id"])[:100],
            type=RailEventType(data["type"]),
            reference=str(data["reference"])[:100],
            rail_reference=str(data["rail_reference"])[:100],
            amount=Decimal(str(data["amount"])),
            currency=str(data["currency"]),
            failure_reason=None if reason is None else str(reason)[:100],
        )
    except (ValueError, KeyError, TypeError, AttributeError, InvalidOperation):
        raise WebhookPayloadInvalid("the webhook body is not a rail event") from None


def batch_of(data: Any) -> list[Any] | None:
    """The events of a batch body (``{"events": [...]}``), or ``None`` for a single event."""
    if not isinstance(data, dict) or "events" not in data or "id" in data:
        return None
    events = data["events"]
    if not isinstance(events, list) or not 1 <= len(events) <= MAX_BATCH_EVENTS:
        raise WebhookPayloadInvalid(
            f'a batch is {{"events": [...]}} with 1 to {MAX_BATCH_EVENTS} events'
        )
    return events


def _event_id(data: Any) -> str | None:
    found = data.get("id") if isinstance(data, dict) else None
    return None if found is None else str(found)[:100]


class ReceiveRailWebhookHandler:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock, config: WebhookConfig) -> None:
        self._uow = uow
        self._clock = clock
        self._config = config
        self._settlement = TransferSettlement(uow, clock)

    async def execute(self, cmd: ReceiveRailWebhook) -> WebhookReceipt:
        event_id: str | None = None
        try:
            webhook_signature.verify(
                cmd.signature,
                cmd.body,
                secrets=self._config.secrets,
                now=self._clock.now(),
                tolerance_seconds=self._config.tolerance_seconds,
            )
            try:
                data = json.loads(cmd.body)
            except ValueError:
                raise WebhookPayloadInvalid("the webhook body is not a rail event") from None
            items = batch_of(data)
            if items is not None:
                return WebhookReceipt(batch=await self._batch(items))
            event = event_of(data)
            event_id = event.id
            transfer = await self._settlement.settle(event, actor=RAIL_ACTOR, source="webhook")
        except DomainError as exc:
            _refused(exc, event_id)
            raise
        _applied(event)
        return WebhookReceipt(transfer=transfer)

    async def _batch(self, items: list[Any]) -> tuple[BatchItem, ...]:
        """Each event of the batch settled or refused on its own; the valid ones settle
        together."""
        parsed: list[BatchItem] = []
        events: list[RailEvent] = []
        for n, item in enumerate(items):
            try:
                events.append(event_of(item))
                parsed.append(BatchItem(n, events[-1].id))
            except WebhookPayloadInvalid as exc:
                parsed.append(BatchItem(n, _event_id(item), error=exc))
        outcomes = await self._settlement.settle_all(events, actor=RAIL_ACTOR, source="webhook")
        settled = iter(outcomes)
        done = []
        for item in parsed:
            if item.error is None:
                outcome = next(settled)
                item = BatchItem(item.index, item.event_id, outcome, outcome.error)
            if item.error is not None:
                _refused(item.error, item.event_id, batch=True)
            elif item.settlement is not None:
                _applied(item.settlement.event, batch=True)
            done.append(item)
        return tuple(done)


def _refused(exc: DomainError, event_id: str | None, *, batch: bool = False) -> None:
    log.warning(
        "bank rail webhook refused",
        extra={"code": exc.error_code, "event_id": event_id, "detail": exc.detail, "batch": batch},
    )


def _applied(event: RailEvent, *, batch: bool = False) -> None:
    log.info(
        "bank rail webhook applied",
        extra={
            "event_id": event.id,
            "type": event.type.value,
            "reference": event.reference,
            "batch": batch,
        },
    )
