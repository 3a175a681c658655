"""Messages to holders who are platform users: a proposal opened for voting, closing soon, its
result."""

from __future__ import annotations

from typing import Final

from domain.governance.proposal import Proposal
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.identity.public.user_directory import UserContact

OPENED: Final = "governance.proposal_opened"
CLOSING_SOON: Final = "governance.proposal_closing_soon"
RESULT: Final = "governance.proposal_result"
CHANNELS: Final = frozenset({Channel.EMAIL, Channel.IN_APP})


def message(template: str, contact: UserContact, issuer: str, proposal: Proposal) -> Notification:
    return Notification(
        template=template,
        category=Category.INVESTOR_UPDATES,
        recipient=Recipient(user_id=contact.user_id, email=contact.email),
        channels=CHANNELS,
        variables={
            "name": contact.name,
            "issuer": issuer,
            "title": proposal.title,
            "closes_at": proposal.vote_end.isoformat(timespec="minutes"),
            "state": proposal.status.value,
        },
    )
