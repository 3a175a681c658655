"""Who sees which issuer. Platform admins (``captable:manage``) see and run every issuer; a
company admin holds a role scoped to one issuer (``company_admin@issuer:<id>``, granted through
access control) and sees only that one; to anyone else an issuer answers exactly like one that
does not exist (404). A shareholder sees their own holdings under ``/me``, never the table."""

from __future__ import annotations

from typing import Final
from uuid import UUID

from domain.captable.errors import IssuerNotFound
from domain.captable.issuer import Issuer, issuer_scope
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.ids import UserId
from usecases.captable.ports import CaptableUnitOfWork

CAPTABLE_MANAGE: Final = "captable:manage"
CAPTABLE_READ: Final = "captable:read"
CAPTABLE_ISSUE: Final = "captable:issue"
_PREFIX: Final = f"{CAPTABLE_READ}@issuer:"


def may(actor: Actor, permission: str, issuer_id: UUID) -> bool:
    return actor.may(CAPTABLE_MANAGE) or actor.may(f"{permission}@{issuer_scope(issuer_id)}")


def visible_issuers(actor: Actor) -> set[UUID] | None:
    """The issuers ``actor`` may read: ``None`` for every one."""
    if actor.may(CAPTABLE_MANAGE):
        return None
    found = set()
    for held in actor.permissions:
        if held.startswith(_PREFIX):
            try:
                found.add(UUID(held.removeprefix(_PREFIX)))
            except ValueError:
                continue
    return found


def require_manager(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("the cap table needs a signed-in caller")
    if not actor.may(CAPTABLE_MANAGE):
        raise PermissionDenied(f"this needs the {CAPTABLE_MANAGE} permission")


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("holdings belong to a signed-in user")
    return actor.user_id


async def issuer_for(
    uow: CaptableUnitOfWork,
    actor: Actor,
    issuer_id: UUID,
    permission: str = CAPTABLE_READ,
    *,
    for_update: bool = False,
) -> Issuer:
    """The issuer if ``actor`` may ``permission`` on it (locked when ``for_update``): not found
    for someone who may not even read it, refused for a reader who may not do this."""
    if not actor.is_authenticated:
        raise Unauthenticated("the cap table needs a signed-in caller")
    if not may(actor, CAPTABLE_READ, issuer_id):
        raise IssuerNotFound(issuer_id)
    if not may(actor, permission, issuer_id):
        raise PermissionDenied(f"this needs the {permission} permission on this issuer")
    issuer = await uow.issuers.get(issuer_id, for_update=for_update)
    if issuer is None:
        raise IssuerNotFound(issuer_id)
    return issuer
