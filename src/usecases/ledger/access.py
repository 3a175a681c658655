"""Who may do what in the ledger: every user their own balances; operators the journal
(``ledger:read``) and adjustments and reversals (``ledger:adjust``)."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import NotFound, PermissionDenied, Unauthenticated
from domain.shared.ids import UserId
from usecases.identity.public.user_directory import UserDirectory

LEDGER_READ = "ledger:read"
LEDGER_ADJUST = "ledger:adjust"


class LedgerUserNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("balances belong to a signed-in user")
    return actor.user_id


def require(actor: Actor, permission: str) -> None:
    if not actor.may(permission):
        raise PermissionDenied(f"this needs the {permission} permission")


async def user_for_code(users: UserDirectory, code: str) -> UserId:
    user_id = await users.user_id_for_code(code)
    if user_id is None:
        raise LedgerUserNotFound(f"no user {code}")
    return user_id
