"""Who may work the review queue: holders of ``kyc:review``."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.ids import UserId
from usecases.kyc.access import KYC_REVIEW


def reviewer(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("the review queue needs a signed-in reviewer")
    if not actor.may(KYC_REVIEW):
        raise PermissionDenied(f"the review queue needs {KYC_REVIEW}")
    return actor.user_id
