"""An audit entry as readers see it: users named by their public code (``USR-7K2M9Q``), the
identifier every route and filter takes, never their internal id. The stored entry (and its
hash chain) keeps the id it was written with; only the answer is translated."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Any
from uuid import UUID

from domain.audit.entry import AuditEntry
from domain.shared.ids import UserId
from domain.shared.pagination import Page
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class AuditEventView:
    seq: int
    id: UUID
    occurred_at: datetime
    actor_kind: str
    actor_id: str | None  # a user's code, an API key's id
    action: str
    resource_type: str
    resource_id: str | None  # a user's code when the resource is a user's
    changes: dict[str, dict[str, Any]]
    ip: str | None
    user_agent: str | None
    request_id: str | None
    api_key_id: str | None = None  # the API key the actor (its owner) used


def _user_id(value: str | None) -> UserId | None:
    try:
        return None if value is None else UserId(UUID(value))
    except ValueError:
        return None


async def with_user_codes(page: Page[AuditEntry], users: UserDirectory) -> Page[AuditEventView]:
    """``page`` with every user id (actor or resource) replaced by that user's code."""
    candidates = {
        user_id
        for entry in page.items
        for user_id in (_user_id(entry.actor_id), _user_id(entry.resource_id))
        if user_id is not None
    }
    codes = await users.codes_for(candidates)

    def named(value: str | None) -> str | None:
        user_id = _user_id(value)
        return codes.get(user_id, value) if user_id is not None else value

    return Page(
        items=[
            AuditEventView(
                seq=e.seq,
                id=e.id,
                occurred_at=e.occurred_at,
                actor_kind=e.actor_kind,
                actor_id=named(e.actor_id),
                action=e.action,
                resource_type=e.resource_type,
                resource_id=named(e.resource_id),
                changes=e.changes,
                ip=e.ip,
                user_agent=e.user_agent,
                request_id=e.request_id,
                api_key_id=e.api_key_id,
            )
            for e in page.items
        ],
        next_cursor=page.next_cursor,
    )


async def user_id_of(value: str | None, users: UserDirectory) -> str | None:
    """A filter value as stored: a user's code becomes their id; anything else stays."""
    if value is None or _user_id(value) is not None:
        return value
    user_id = await users.user_id_for_code(value)
    return value if user_id is None else str(user_id)
