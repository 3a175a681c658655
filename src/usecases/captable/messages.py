"""Messages to stakeholders who are platform users: shares issued to them, a certificate of
theirs changed (cancelled, repurchased, split, converted), their holdings linked to them."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Final

from domain.captable.issuer import Issuer
from domain.captable.security import Security
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.identity.public.user_directory import UserContact

SHARES_ISSUED: Final = "captable.shares_issued"
CERTIFICATE_CHANGED: Final = "captable.certificate_changed"
STAKEHOLDER_LINKED: Final = "captable.stakeholder_linked"
CHANNELS: Final = frozenset({Channel.EMAIL, Channel.IN_APP})


def _message(template: str, contact: UserContact, variables: dict[str, str]) -> Notification:
    return Notification(
        template=template,
        category=Category.TRANSACTIONS,
        recipient=Recipient(user_id=contact.user_id, email=contact.email),
        channels=CHANNELS,
        variables={"name": contact.name, **variables},
    )


def shares_issued(contact: UserContact, issuer: Issuer, security: Security) -> Notification:
    return _message(
        SHARES_ISSUED,
        contact,
        {
            "issuer": issuer.legal_name,
            "certificate": security.certificate_number,
            "quantity": f"{security.quantity.normalize():f}",
        },
    )


def certificate_changed(
    contact: UserContact, issuer: Issuer, consumed: Security, created: Iterable[Security]
) -> Notification:
    return _message(
        CERTIFICATE_CHANGED,
        contact,
        {
            "issuer": issuer.legal_name,
            "certificate": consumed.certificate_number,
            "status": consumed.status.value,
            "new_certificates": ", ".join(s.certificate_number for s in created),
        },
    )


def stakeholder_linked(contact: UserContact, issuer: Issuer) -> Notification:
    return _message(STAKEHOLDER_LINKED, contact, {"issuer": issuer.legal_name})
