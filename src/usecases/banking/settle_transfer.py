"""Settling deposits and withdrawals from the rail's answers: the one path of the signed webhook
(``receive_rail_webhook``, one event or a batch) and of reconciliation
(``reconcile_rail_instruction(s)``).

A batch of events settles in one transaction (one event is a batch of one):

1. one statement locks the transfers the events name (id order) and stores the ids of the
   events that apply (``TransferSettlements.lock_deposits`` / ``lock_withdrawals``);
2. each event is judged on its locked transfer, in the order of the checks a single event has
   always had: unknown reference (422 ``webhook_reference_unknown``), another amount or
   currency (422 ``webhook_payload_invalid``), an event id received before (409
   ``webhook_event_replayed``), a transfer already in the state the event announces (settled by
   reconciliation: nothing changes, 200), one settled the other way (409
   ``transfer_already_settled``). A refused event stores nothing, not even its id;
3. every event that applies moves money, each its own balanced entry as before:
   deposit completed, the amount from bank clearing to the user's cash (``deposit:<id>``);
   deposit failed, nothing; payout settled, the withdrawal's hold captured into bank clearing;
   payout failed, the hold released. The users' cash accounts are locked up front in id
   order (``Ledger.lock_accounts``) when the batch moves money more than once, so two batches
   queue instead of deadlocking;
4. one statement saves the transfers and marks their rail instructions ``settled``
   (reconciliation stops asking), one audit record an event, commit.

Events are independent: a refused one is reported and the others settle. Two events for one
transfer in a batch settle in turn (the second in a following transaction, so it sees the
first); a repeated event id is a replay. If the ledger refuses a movement (it should not: the
checks above hold), the batch is rolled back and its events settled one transaction each, so
only that one is refused."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.banking.rail import (
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
from domain.shared.errors import DomainError
from domain.shared.ids import UserId
from usecases.banking.ports import BankingUnitOfWork, EventClaim, LockedForEvent
from usecases.ledger.public import (
    Account,
    AccountKind,
    AccountSpec,
    Asset,
    HoldId,
    Leg,
    NewEntry,
)

log = logging.getLogger("meridian.banking.settlement")


def announced_state(event: RailEvent) -> TransferState:
    return TransferState.COMPLETED if event.type.succeeded else TransferState.FAILED


@dataclass(frozen=True, slots=True)
class Settlement:
    """What one event did: ``applied`` (it settled ``transfer``), nothing (``transfer`` was
    already in the state it announces), or ``error`` (refused; nothing of it stored)."""

    event: RailEvent
    transfer: Transfer | None = None
    applied: bool = False
    error: DomainError | None = None


class _LedgerRefused(Exception):
    """A movement of a batch was refused by the ledger: settle the batch one event at a time."""


@dataclass(slots=True)
class _Round:
    """The events of one transaction (one per transfer), and their transfers' ids."""

    events: list[RailEvent]
    ids: dict[str, UUID]


def _cash(transfer: Transfer) -> AccountSpec:
    return AccountSpec(UserId(transfer.user_id), AccountKind.USER_CASH, _asset(transfer))


def _clearing(transfer: Transfer) -> AccountSpec:
    return AccountSpec(None, AccountKind.BANK_CLEARING, _asset(transfer))


def _asset(transfer: Transfer) -> Asset:
    return Asset.currency(transfer.currency)


def _key(spec: AccountSpec) -> tuple[object, str, str]:
    return spec.owner, spec.kind.value, spec.asset.code


def _deposits(moving: Sequence[Settlement], key: tuple[object, str, str]) -> bool:
    """Whether a deposit credits the cash account of ``key`` (a payout needs no account id)."""
    return any(isinstance(s.transfer, Deposit) and _key(_cash(s.transfer)) == key for s in moving)


class TransferSettlement:
    def __init__(self, uow: BankingUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def settle(self, event: RailEvent, *, actor: Actor, source: str) -> Transfer:
        """Apply one ``event`` (``source``: ``webhook`` or ``reconciliation``) and commit; a
        refusal is raised."""
        (done,) = await self.settle_all([event], actor=actor, source=source)
        if done.error is not None:
            raise done.error
        assert done.transfer is not None
        return done.transfer

    async def settle_all(
        self, events: Sequence[RailEvent], *, actor: Actor, source: str
    ) -> list[Settlement]:
        """Apply ``events`` (a batch: one transaction, or a few when a transfer appears more
        than once); one ``Settlement`` an event, in their order."""
        done: dict[int, Settlement] = {}
        rounds: list[_Round] = []
        seen_ids: set[str] = set()
        for n, event in enumerate(events):
            parsed = parse_reference(event.reference)
            if parsed is None or parsed[0] != event.type.kind:
                unknown = WebhookReferenceUnknown(f"no {event.type.kind} {event.reference!r}")
                done[n] = Settlement(event, error=unknown)
                continue
            if event.id in seen_ids:
                replayed = WebhookEventReplayed(f"event {event.id} was already received")
                done[n] = Settlement(event, error=replayed)
                continue
            seen_ids.add(event.id)
            target = next((r for r in rounds if event.reference not in r.ids), None)
            if target is None:
                target = _Round([], {})
                rounds.append(target)
            target.events.append(event)
            target.ids[event.reference] = parsed[1]
        results: dict[int, Settlement] = {}
        for round_ in rounds:
            for settled in await self._settle_round(round_, actor, source):
                results[id(settled.event)] = settled
        return [done.get(n) or results[id(event)] for n, event in enumerate(events)]

    async def _settle_round(self, round_: _Round, actor: Actor, source: str) -> list[Settlement]:
        if len(round_.events) == 1:
            return await self._transaction(round_, actor, source)
        try:
            return await self._transaction(round_, actor, source, refusals_stop=True)
        except _LedgerRefused:
            log.warning(
                "a settlement batch was refused by the ledger: settling its events one by one",
                extra={"events": len(round_.events), "source": source},
            )
        one_by_one = []
        for event in round_.events:
            alone = _Round([event], {event.reference: round_.ids[event.reference]})
            one_by_one += await self._transaction(alone, actor, source)
        return one_by_one

    async def _transaction(
        self, round_: _Round, actor: Actor, source: str, *, refusals_stop: bool = False
    ) -> list[Settlement]:
        async with self._uow as uow:
            now = self._clock.now()
            locked = await self._lock(uow, round_, now)
            judged = [_judge(event, locked.get(event.id), now) for event in round_.events]
            applying = [s for s in judged if s.applied]
            for settled in judged:
                if settled.transfer is not None and not settled.applied:
                    log.info(
                        "rail answer already applied",
                        extra={
                            "reference": settled.event.reference,
                            "source": source,
                            "event_id": settled.event.id,
                        },
                    )
            if not applying:
                return judged  # rolled back: nothing recorded
            try:
                await self._move_money(uow, applying)
            except DomainError as exc:
                if refusals_stop:
                    raise _LedgerRefused from exc
                return [Settlement(s.event, error=exc) if s.applied else s for s in judged]
            deposits = [s.transfer for s in applying if isinstance(s.transfer, Deposit)]
            withdrawals = [s.transfer for s in applying if isinstance(s.transfer, Withdrawal)]
            await uow.settlements.save(deposits, withdrawals, now)
            for settled in applying:
                uow.audit(_record(settled, actor, source))
            await uow.commit()
            return judged

    @staticmethod
    async def _lock(
        uow: BankingUnitOfWork, round_: _Round, now: datetime
    ) -> dict[str, LockedForEvent[Any]]:
        claims: dict[str, list[EventClaim]] = {"deposit": [], "withdrawal": []}
        for event in round_.events:
            claims[event.type.kind].append(
                EventClaim(
                    event_id=event.id,
                    event_type=event.type.value,
                    reference=event.reference,
                    transfer_id=round_.ids[event.reference],
                    amount=event.amount,
                    currency=event.currency,
                )
            )
        locked: dict[str, LockedForEvent[Any]] = {}
        if claims["deposit"]:
            locked |= await uow.settlements.lock_deposits(claims["deposit"], now)
        if claims["withdrawal"]:
            locked |= await uow.settlements.lock_withdrawals(claims["withdrawal"], now)
        return locked

    @staticmethod
    async def _move_money(uow: BankingUnitOfWork, applying: Sequence[Settlement]) -> None:
        """The ledger side of every applied event. With more than one movement, the users'
        cash accounts are locked first, in id order, in one statement; what that did not find
        (bank clearing, a first deposit's new cash account) is opened in one read."""
        moving = [
            s for s in applying if isinstance(s.transfer, Withdrawal) or s.event.type.succeeded
        ]
        if not moving:
            return
        platform: dict[tuple[object, str, str], AccountSpec] = {}
        users: dict[tuple[object, str, str], AccountSpec] = {}
        for settled in moving:
            assert settled.transfer is not None
            if settled.event.type.succeeded:
                platform.setdefault(_key(_clearing(settled.transfer)), _clearing(settled.transfer))
            users.setdefault(_key(_cash(settled.transfer)), _cash(settled.transfer))
        opened: dict[tuple[object, str, str], Account] = {}
        if len(moving) > 1:
            for account in await uow.ledger.lock_accounts(list(users.values())):
                opened[(account.owner, account.kind.value, account.asset.code)] = account
        credited = [k for k, spec in users.items() if _deposits(moving, k) and k not in opened]
        wanted = [*platform.values(), *(users[k] for k in credited)]  # platform first: one shape
        if wanted:
            accounts = await uow.ledger.open_accounts(*wanted)
            opened |= {_key(spec): a for spec, a in zip(wanted, accounts, strict=True)}
        for settled in moving:
            transfer, event = settled.transfer, settled.event
            assert transfer is not None
            if isinstance(transfer, Deposit):
                cash_account = opened[_key(_cash(transfer))]
                clearing = opened[_key(_clearing(transfer))]
                await uow.ledger.post(
                    NewEntry(
                        legs=[
                            Leg(clearing.id, -transfer.amount),
                            Leg(cash_account.id, transfer.amount),
                        ],
                        memo=f"deposit ({transfer.method.value})",
                        reference=f"deposit:{transfer.id}",
                        metadata={"kind": "deposit", "rail_reference": event.rail_reference},
                    )
                )
            elif isinstance(transfer, Withdrawal):
                hold_id = HoldId(transfer.hold_id)
                if not event.type.succeeded:
                    await uow.ledger.release_hold(hold_id)
                    continue
                clearing = opened[_key(_clearing(transfer))]
                await uow.ledger.capture_hold(
                    hold_id,
                    [Leg(clearing.id, transfer.amount)],
                    memo="withdrawal",
                    reference=f"withdrawal:{transfer.id}:settled",
                    metadata={"kind": "withdrawal", "rail_reference": event.rail_reference},
                )


def _judge(event: RailEvent, locked: LockedForEvent[Any] | None, now: datetime) -> Settlement:
    """The event on its locked transfer; a transfer it applies to is settled (in memory)."""
    if locked is None:
        unknown = WebhookReferenceUnknown(f"no {event.type.kind} {event.reference!r}")
        return Settlement(event, error=unknown)
    transfer: Transfer = locked.transfer
    if transfer.amount != event.amount or transfer.currency != event.currency:
        invalid = WebhookPayloadInvalid(
            f"the event's amount or currency is not {event.reference}'s"
        )
        return Settlement(event, error=invalid)
    if locked.seen or (not locked.recorded and transfer.state is TransferState.PENDING):
        # received before (or, pending, stored just now by a concurrent delivery)
        replayed = WebhookEventReplayed(f"event {event.id} was already received")
        return Settlement(event, error=replayed)
    if transfer.state is announced_state(event):  # told before: nothing to do
        return Settlement(event, transfer=transfer)
    transfer.rail_reference = event.rail_reference
    try:
        if event.type.succeeded:
            transfer.complete(at=now)
        else:
            transfer.fail(event.failure_reason or "failed_at_bank", at=now)
    except DomainError as exc:  # settled the other way
        return Settlement(event, error=exc)
    return Settlement(event, transfer=transfer, applied=True)


def _record(settled: Settlement, actor: Actor, source: str) -> AuditRecord:
    event, transfer = settled.event, settled.transfer
    assert transfer is not None
    return AuditRecord(
        action=f"banking.settle_{event.type.kind}",
        actor=actor,
        resource_type=event.type.kind,
        resource_id=str(transfer.id),
        before={"state": TransferState.PENDING.value},
        after={
            "state": transfer.state.value,
            "source": source,
            "event_id": event.id,
            "event_type": event.type.value,
            "rail_reference": event.rail_reference,
            "failure_reason": transfer.failure_reason,
        },
    )
