"""Use case: the bank rail tells us a deposit or payout settled or failed.

The signature (HMAC over the timestamp and the raw body, any of the configured secrets) and the
timestamp (within the tolerance) are checked first; then the event settles its transfer through
``TransferSettlement`` (``settle_transfer``), the path reconciliation takes too: the event id
is remembered (a replayed id is refused), the transfer locked, and it completes or fails (an
event for a transfer already in that state, e.g. settled by reconciliation, changes nothing).

An unknown reference, or an amount or currency that is not the transfer's, is refused. Every
refusal is logged (the reason and event id; never a secret or the signature)."""

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
from usecases.banking.settle_transfer import TransferSettlement

log = logging.getLogger("meridian.banking.webhook")
RAIL_ACTOR = Actor.system("bank-rail")


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


def parse_event(body: bytes) -> RailEvent:
    try:
        data: Any = json.loads(body)
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


class ReceiveRailWebhookHandler:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock, config: WebhookConfig) -> None:
        self._uow = uow
        self._clock = clock
        self._config = config
        self._settlement = TransferSettlement(uow, clock)

    async def execute(self, cmd: ReceiveRailWebhook) -> Transfer:
        event_id: str | None = None
        try:
            webhook_signature.verify(
                cmd.signature,
                cmd.body,
                secrets=self._config.secrets,
                now=self._clock.now(),
                tolerance_seconds=self._config.tolerance_seconds,
            )
            event = parse_event(cmd.body)
            event_id = event.id
            transfer = await self._settlement.settle(event, actor=RAIL_ACTOR, source="webhook")
        except DomainError as exc:
            log.warning(
                "bank rail webhook refused",
                extra={"code": exc.error_code, "event_id": event_id, "detail": exc.detail},
            )
            raise
        log.info(
            "bank rail webhook applied",
            extra={"event_id": event.id, "type": event.type.value, "reference": event.reference},
        )
        return transfer
