"""What every use case that records an event does after the domain has built it: store the
event with its projection, move the issuer's sequence on, say what happened for the audit
trail, and tell the stakeholders who are platform users about their certificates."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from domain.captable.cap_table import Change, Recording
from domain.captable.events import CapTableEvent, Issuance
from domain.captable.issuer import Issuer
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.captable import messages
from usecases.captable.ports import CaptableUnitOfWork
from usecases.identity.public.user_directory import UserDirectory


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
    linked = {}
    for holder in sorted(holders):
        stakeholder = await uow.stakeholders.get(issuer.id, holder)
        if stakeholder is not None and stakeholder.user_id is not None:
            contact = await users.contact(stakeholder.user_id)
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
