"""Use case: the bank rail tells us a deposit or payout settled or failed.

The signature (HMAC over the timestamp and the raw body, any of the configured secrets) and the
timestamp (within the tolerance) are checked first; then, in one transaction: the event id is
remembered (a replayed id is refused), the transfer it names is locked, and it completes or
fails:

- deposit completed: a balanced entry moves the amount from bank clearing to the user's cash;
- deposit failed: nothing moves;
- payout settled: the withdrawal's hold is captured into bank clearing;
- payout failed: the hold is released.

An unknown reference, or an amount or currency that is not the transfer's, is refused. Every
refusal is logged (the reason and event id; never a secret or the signature)."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from domain.banking import webhook_signature
from domain.banking.rail import (
    RailEvent,
    RailEventType,
    WebhookEventReplayed,
    WebhookPayloadInvalid,
    WebhookReferenceUnknown,
)
from domain.banking.transfers import Deposit, Transfer, Withdrawal, parse_reference
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.errors import DomainError
from domain.shared.ids import UserId
from usecases.banking.ports import BankingUnitOfWork
from usecases.ledger.public import AccountKind, AccountSpec, Asset, HoldId, Leg, NewEntry

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
            transfer = await self._apply(event)
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

    async def _apply(self, event: RailEvent) -> Transfer:
        parsed = parse_reference(event.reference)
        if parsed is None or parsed[0] != event.type.kind:
            raise WebhookReferenceUnknown(f"no {event.type.kind} {event.reference!r}")
        _, transfer_id = parsed
        now = self._clock.now()
        async with self._uow as uow:
            transfer: Transfer | None
            if event.type.kind == "deposit":
                transfer = await uow.deposits.get(transfer_id, for_update=True)
            else:
                transfer = await uow.withdrawals.get(transfer_id, for_update=True)
            if transfer is None:
                raise WebhookReferenceUnknown(f"no {event.type.kind} {event.reference!r}")
            if transfer.amount != event.amount or transfer.currency != event.currency:
                raise WebhookPayloadInvalid(
                    f"the event's amount or currency is not {event.reference}'s"
                )
            if not await uow.webhook_events.record(
                event.id, event.type.value, event.reference, now
            ):
                raise WebhookEventReplayed(f"event {event.id} was already received")
            before = transfer.state.value
            transfer.rail_reference = event.rail_reference
            if event.type.succeeded:
                transfer.complete(at=now)
            else:
                transfer.fail(event.failure_reason or "failed_at_bank", at=now)
            if isinstance(transfer, Deposit):
                await self._settle_deposit(uow, transfer, event)
                await uow.deposits.save(transfer)
            elif isinstance(transfer, Withdrawal):
                await self._settle_withdrawal(uow, transfer, event)
                await uow.withdrawals.save(transfer)
            uow.audit(
                AuditRecord(
                    action=f"banking.settle_{event.type.kind}",
                    actor=RAIL_ACTOR,
                    resource_type=event.type.kind,
                    resource_id=str(transfer.id),
                    before={"state": before},
                    after={
                        "state": transfer.state.value,
                        "event_id": event.id,
                        "event_type": event.type.value,
                        "rail_reference": event.rail_reference,
                        "failure_reason": transfer.failure_reason,
                    },
                )
            )
            await uow.commit()
            return transfer

    @staticmethod
    async def _settle_deposit(uow: BankingUnitOfWork, deposit: Deposit, event: RailEvent) -> None:
        if not event.type.succeeded:
            return
        asset = Asset.currency(deposit.currency)
        cash = await uow.ledger.open_account(
            AccountSpec(UserId(deposit.user_id), AccountKind.USER_CASH, asset)
        )
        clearing = await uow.ledger.open_account(
            AccountSpec(None, AccountKind.BANK_CLEARING, asset)
        )
        await uow.ledger.post(
            NewEntry(
                legs=[Leg(clearing.id, -deposit.amount), Leg(cash.id, deposit.amount)],
                memo=f"deposit ({deposit.method.value})",
                reference=f"deposit:{deposit.id}",
                metadata={"kind": "deposit", "rail_reference": event.rail_reference},
            )
        )

    @staticmethod
    async def _settle_withdrawal(
        uow: BankingUnitOfWork, withdrawal: Withdrawal, event: RailEvent
    ) -> None:
        hold_id = HoldId(withdrawal.hold_id)
        if not event.type.succeeded:
            await uow.ledger.release_hold(hold_id)
            return
        clearing = await uow.ledger.open_account(
            AccountSpec(None, AccountKind.BANK_CLEARING, Asset.currency(withdrawal.currency))
        )
        await uow.ledger.capture_hold(
            hold_id,
            [Leg(clearing.id, withdrawal.amount)],
            memo="withdrawal",
            reference=f"withdrawal:{withdrawal.id}:settled",
            metadata={"kind": "withdrawal", "rail_reference": event.rail_reference},
        )
