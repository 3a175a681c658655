"""The authenticated user a use case acts for: their id, or 401 for anyone else."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.ids import UserId


def own_account(actor: Actor) -> UserId:
    """Identity's self-service use cases act on the caller's own account only."""
    if actor.kind != "user" or actor.user_id is None:
        raise Unauthenticated("log in with your own account first", code="missing_token")
    return actor.user_id


def own_account_read(actor: Actor) -> UserId:
    """A read of one's own account, which an API key of the account may make too (the request
    authentication checked the key's scope)."""
    if actor.kind not in ("user", "api_key") or actor.user_id is None:
        raise Unauthenticated("log in with your own account first", code="missing_token")
    return actor.user_id
