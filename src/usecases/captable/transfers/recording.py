"""What every step of a transfer does after the domain moved it: save it, say what happened
for the audit trail, and tell each party who is a platform user."""

from __future__ import annotations

from typing import Any, Final

from domain.captable.issuer import Issuer
from domain.captable.share_transfer import ShareTransfer
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.identity.public.user_directory import UserContact, UserDirectory

TRANSFER_CHANGED: Final = "captable.transfer_changed"
CHANNELS: Final = frozenset({Channel.EMAIL, Channel.IN_APP})


def _state(transfer: ShareTransfer | None) -> dict[str, Any]:
    if transfer is None:
        return {}
    return {
        "reference": transfer.reference,
        "status": transfer.status.value,
        "rofr": transfer.rofr.value,
        "buyer_id": str(transfer.terms.buyer_id),
        "quantity": f"{transfer.terms.quantity.normalize():f}",
        "price_per_share": str(transfer.terms.price_per_share.amount),
        "source_security_id": str(transfer.source_security_id),
    }


def transfer_audit(
    actor: Actor,
    verb: str,
    before: ShareTransfer | None,
    after: ShareTransfer,
    **extra: Any,
) -> AuditRecord:
    """``captable.<verb>_transfer`` with the transfer's state before and after."""
    return AuditRecord(
        action=f"captable.{verb}_transfer",
        actor=actor,
        resource_type="share_transfer",
        resource_id=str(after.id),
        before=_state(before),
        after={**_state(after), **extra},
    )


def _message(
    contact: UserContact,
    issuer: Issuer,
    transfer: ShareTransfer,
    certificate: str,
    headline: str,
    detail: str,
) -> Notification:
    price = transfer.terms.price_per_share
    return Notification(
        template="captable.transfer_changed",
        category=Category.TRANSACTIONS,
        recipient=Recipient(user_id=contact.user_id, email=contact.email),
        channels=CHANNELS,
        variables={
            "name": contact.name,
            "issuer": issuer.legal_name,
            "reference": transfer.reference,
            "quantity": f"{transfer.terms.quantity.normalize():f}",
            "currency": price.currency.code,
            "price_per_share": str(price.amount),
            "certificate": certificate,
            "headline": headline,
            "detail": detail,
        },
    )


async def notify_parties(
    uow: TransfersUnitOfWork,
    users: UserDirectory,
    issuer: Issuer,
    transfer: ShareTransfer,
    *,
    headline: str,
    detail: str = "",
) -> int:
    """A message to the seller, the buyer and (after the right was exercised) the buyer first
    named, each when linked to a platform user; how many were written."""
    security = await uow.cap_tables.security(issuer.id, transfer.source_security_id)
    certificate = security.certificate_number if security is not None else "-"
    parties = dict.fromkeys(
        (transfer.seller_id, transfer.terms.buyer_id, transfer.noticed_buyer_id)
    )
    sent = 0
    for party in parties:
        stakeholder = await uow.stakeholders.get(issuer.id, party)
        if stakeholder is None or stakeholder.user_id is None:
            continue
        contact = await users.contact(stakeholder.user_id)
        if contact is None:
            continue
        await uow.notifier.notify(
            _message(contact, issuer, transfer, certificate, headline, detail)
        )
        sent += 1
    return sent
