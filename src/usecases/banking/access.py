"""Banking belongs to the signed-in user: every deposit, withdrawal and linked account is the
owner's alone, and anyone else's answers exactly like an unknown one (404)."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.ids import UserId


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("banking belongs to a signed-in user")
    return actor.user_id
