"""Use case: everything one user did, and everything done to their account (auditors)."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.shared.actor import Actor
from domain.shared.errors import NotFound, PermissionDenied
from domain.shared.pagination import Page, PageRequest
from usecases.audit.ports import AuditFilter, AuditLog
from usecases.audit.views import AuditEventView, with_user_codes
from usecases.identity.public.user_directory import UserDirectory

PERMISSION = "audit:read"


class AuditedUserNotFound(NotFound):
    code = "user_not_found"
    title = "User not found"


@dataclass(frozen=True, slots=True, kw_only=True)
class ListUserAuditEvents:
    actor: Actor
    user_code: str
    action: str | None = None
    page: PageRequest = field(default_factory=PageRequest)


class ListUserAuditEventsHandler:
    def __init__(self, log: AuditLog, users: UserDirectory) -> None:
        self._log = log
        self._users = users

    async def execute(self, cmd: ListUserAuditEvents) -> Page[AuditEventView]:
        if not cmd.actor.may(PERMISSION):
            raise PermissionDenied("reading another user's trail needs audit:read")
        user_id = await self._users.user_id_for_code(cmd.user_code)
        if user_id is None:
            raise AuditedUserNotFound(f"no user {cmd.user_code}")
        page = await self._log.page(
            AuditFilter(involving=str(user_id), action=cmd.action), cmd.page
        )
        return await with_user_codes(page, self._users)
