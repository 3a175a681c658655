"""The one policy check each use case makes: (actor, action, resource). Deny by default.

- anonymous callers: 401;
- a permission the actor lacks: 403 ``permission_denied``;
- an object with an owner (an API key, a user's permissions or security settings): the owner,
  or a holder of the override permission; anyone else gets the same 404 as for an object that
  does not exist, so ids and codes cannot be probed."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.ids import UserId


def authenticated(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("log in first", code="missing_token")


def authorize(actor: Actor, permission: str) -> None:
    """The actor holds ``permission`` (system actors hold every one)."""
    authenticated(actor)
    if not actor.may(permission):
        raise PermissionDenied(f"this needs the {permission} permission")


def acting_user(actor: Actor) -> UserId:
    """The signed-in person (not an API key, not the system)."""
    if actor.kind != "user" or actor.user_id is None:
        raise Unauthenticated("log in with a user account", code="missing_token")
    return actor.user_id


def owner_or(actor: Actor, owner: UserId | None, permission: str) -> bool:
    """The actor is the person who owns the object, or holds ``permission`` over everyone's."""
    if actor.may(permission):
        return True
    return actor.kind == "user" and actor.owns(owner)
