"""What every use case that records an event does around the domain's step: lock the issuer
(a company admin's ``captable:issue``), honour the ``Idempotency-Key``, then store the event with
its projection, move the issuer's sequence on, say what happened for the audit trail, tell the
stakeholders who are platform users about their certificates, and commit."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.captable.cap_table import Change, Recording
from domain.captable.events import CapTableEvent, Issuance
from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.captable import messages
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.config import CaptableConfig
from usecases.captable.ports import CaptableUnitOfWork
from usecases.identity.public.user_directory import UserDirectory
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent

# The one step each event's use case adds: check what it needs, load the part of the cap table
# its command touches, and let the domain build the change.
Decide = Callable[[CaptableUnitOfWork, Issuer, Recording], Awaitable[Change]]


def recording(actor: Actor, now: datetime) -> Recording:
    return Recording(now, actor.user_id)


async def store(uow: CaptableUnitOfWork, issuer: Issuer, change: Change) -> None:
    """The event and its projection, and the issuer's sequence moved on to it."""
    await uow.cap_tables.append(change)
    await uow.issuers.advance(issuer, change.event)


def event_audit(actor: Actor, change: Change) -> AuditRecord:
    event = change.event
    after: dict[str, Any] = {
        "issuer_id": str(event.issuer_id),
        "sequence": event.sequence,
        "date": event.date.isoformat(),
        "consumed": [s.certificate_number for s in change.consumed],
        "created": [
            {"certificate": s.certificate_number, "quantity": f"{s.quantity:f}"}
            for s in change.created
        ],
    }
    return AuditRecord(
        action=f"captable.record_{event.kind.value}",
        actor=actor,
        resource_type="captable_event",
        resource_id=str(event.id),
        after=after,
    )


async def notify_holders(
    uow: CaptableUnitOfWork, users: UserDirectory, issuer: Issuer, change: Change
) -> None:
    """A message to each linked holder whose certificate the event issued or consumed."""
    holders = {s.stakeholder_id for s in (*change.consumed, *change.created)}
    # one query for who is linked (a split touches every holder of a class), then a contact
    # for each linked user only: the ones a message goes to
    linked = {}
    for holder, user_id in (await uow.stakeholders.linked_users(issuer.id, holders)).items():
        contact = await users.contact(user_id)
        if contact is not None:
            linked[holder] = contact
    event: CapTableEvent = change.event
    if isinstance(event, Issuance):
        contact = linked.get(event.security.stakeholder_id)
        if contact is not None:
            await uow.notifier.notify(messages.shares_issued(contact, issuer, event.security))
        return
    for consumed in change.consumed:
        contact = linked.get(consumed.stakeholder_id)
        if contact is None:
            continue
        theirs = [
            s
            for s in change.created
            if s.stakeholder_id == consumed.stakeholder_id and s.source_security_id == consumed.id
        ]
        await uow.notifier.notify(messages.certificate_changed(contact, issuer, consumed, theirs))


class EventRecordingHandler:
    """Base of the handlers that record one event: ``record`` runs the steps every event shares
    around the handler's own ``decide``."""

    def __init__(
        self, uow: CaptableUnitOfWork, users: UserDirectory, clock: Clock, config: CaptableConfig
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._config = config

    async def record(
        self, actor: Actor, issuer_id: UUID, key: IdempotencyKey | None, decide: Decide
    ) -> Idempotent[CapTableEvent]:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await issuer_for(uow, actor, issuer_id, CAPTABLE_ISSUE, for_update=True)
            gate: IdempotencyGate[CapTableEvent] = await IdempotencyGate.enter(
                uow.idempotency, actor, key, now, self._config.idempotency_ttl
            )
            if gate.replay is not None:
                return gate.replay
            change = await decide(uow, issuer, recording(actor, now))
            await store(uow, issuer, change)
            uow.audit(event_audit(actor, change))
            await notify_holders(uow, self._users, issuer, change)
            outcome = await gate.complete(change.event, now)
            await uow.commit()
        return outcome
