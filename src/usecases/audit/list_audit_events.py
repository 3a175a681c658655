"""Use case: a filtered page of the audit trail — the whole system for auditors, one's own
activity for everyone else. Users are named and filtered by their code."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.audit.entry import AuditEntry
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from domain.shared.pagination import Page, PageRequest
from usecases.audit.ports import AuditFilter, AuditLog
from usecases.audit.views import AuditEventView, user_id_of, with_user_codes
from usecases.identity.public.user_directory import UserDirectory

PERMISSION = "audit:read"


@dataclass(frozen=True, slots=True, kw_only=True)
class ListAuditEvents:
    actor: Actor
    where: AuditFilter = field(default_factory=AuditFilter)
    page: PageRequest = field(default_factory=PageRequest)
    own_only: bool = False


class ListAuditEventsHandler:
    def __init__(self, log: AuditLog, users: UserDirectory) -> None:
        self._log = log
        self._users = users

    async def execute(self, cmd: ListAuditEvents) -> Page[AuditEventView]:
        return await with_user_codes(await self._entries(cmd), self._users)

    async def _entries(self, cmd: ListAuditEvents) -> Page[AuditEntry]:
        if cmd.own_only:
            if cmd.actor.user_id is None:
                raise Unauthenticated("your activity needs a signed-in user")
            where = AuditFilter(
                actor_id=str(cmd.actor.user_id),
                action=cmd.where.action,
                resource_type=cmd.where.resource_type,
                resource_id=cmd.where.resource_id,
                since=cmd.where.since,
                until=cmd.where.until,
            )
            return await self._log.page(where, cmd.page)
        if not cmd.actor.may(PERMISSION):
            raise PermissionDenied("reading the audit trail needs audit:read")
        where = replace(
            cmd.where,
            actor_id=await user_id_of(cmd.where.actor_id, self._users),
            resource_id=await user_id_of(cmd.where.resource_id, self._users),
        )
        return await self._log.page(where, cmd.page)
