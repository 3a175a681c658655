"""Banking belongs to the signed-in user: every deposit, withdrawal and linked account is the
owner's alone, and anyone else's answers exactly like an unknown one (404). Operators
(``banking:operate``) see rail instructions and resolve stuck transfers."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.ids import UserId

BANKING_OPERATE = "banking:operate"


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("banking belongs to a signed-in user")
    return actor.user_id


def require_operator(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("banking operations need a signed-in operator")
    if not actor.may(BANKING_OPERATE):
        raise PermissionDenied(f"this needs the {BANKING_OPERATE} permission")
