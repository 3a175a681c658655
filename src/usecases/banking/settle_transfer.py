"""Settling a deposit or withdrawal from the rail's answer: the one path of the signed webhook
(``receive_rail_webhook``) and of reconciliation (``reconcile_rail_instruction(s)``).

In one transaction: the transfer the event names is locked, the event's amount and currency
checked, its id remembered (a replayed id is refused), and the transfer completes or fails:

- deposit completed: a balanced entry moves the amount from bank clearing to the user's cash;
- deposit failed: nothing moves;
- payout settled: the withdrawal's hold is captured into bank clearing;
- payout failed: the hold is released.

Its rail instruction becomes ``settled`` (reconciliation stops asking about it). The answer is
idempotent across both paths: an event for a transfer that is already in the state it announces
(a late webhook after reconciliation, reconciliation racing a late webhook) changes nothing and
returns the transfer; an event that contradicts a settled transfer is refused (409
``transfer_already_settled``)."""

from __future__ import annotations

import logging

from domain.banking.rail import (
    InstructionState,
    RailEvent,
    WebhookEventReplayed,
    WebhookPayloadInvalid,
    WebhookReferenceUnknown,
)
from domain.banking.transfers import (
    Deposit,
    Transfer,
    TransferState,
    Withdrawal,
    parse_reference,
)
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from usecases.banking.ports import BankingUnitOfWork
from usecases.ledger.public import AccountKind, AccountSpec, Asset, HoldId, Leg, NewEntry

log = logging.getLogger("meridian.banking.settlement")


def announced_state(event: RailEvent) -> TransferState:
    return TransferState.COMPLETED if event.type.succeeded else TransferState.FAILED


class TransferSettlement:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def settle(self, event: RailEvent, *, actor: Actor, source: str) -> Transfer:
        """Apply ``event`` (``source``: ``webhook`` or ``reconciliation``) and commit."""
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
            if transfer.state is announced_state(event):  # told before: nothing to do
                log.info(
                    "rail answer already applied",
                    extra={"reference": event.reference, "source": source, "event_id": event.id},
                )
                return transfer  # rolled back: nothing recorded
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
            instruction = await uow.instructions.by_reference(event.reference)
            if instruction is not None and instruction.state is not InstructionState.CANCELLED:
                instruction.settled(event.rail_reference, at=now)
                await uow.instructions.save(instruction)
            uow.audit(
                AuditRecord(
                    action=f"banking.settle_{event.type.kind}",
                    actor=actor,
                    resource_type=event.type.kind,
                    resource_id=str(transfer.id),
                    before={"state": before},
                    after={
                        "state": transfer.state.value,
                        "source": source,
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
        cash, clearing = await uow.ledger.open_accounts(
            AccountSpec(UserId(deposit.user_id), AccountKind.USER_CASH, asset),
            AccountSpec(None, AccountKind.BANK_CLEARING, asset),
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
