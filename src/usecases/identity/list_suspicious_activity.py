"""An operator lists a user's suspicious login activity: failed events and logins whose risk
score reached the challenge threshold, newest first, with the reasons."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import AUDIT_READ
from domain.identity.security_event import SecurityEvent
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.admin_support import user_by_code
from usecases.identity.authorization import authorize
from usecases.identity.config import IdentityConfig
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSuspiciousActivity:
    actor: Actor
    user_code: str
    page: PageRequest


class ListSuspiciousActivityHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, config: IdentityConfig) -> None:
        self._uow = uow
        self._config = config

    async def execute(self, cmd: ListSuspiciousActivity) -> Page[SecurityEvent]:
        authorize(cmd.actor, AUDIT_READ)
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            return await uow.login_activity.suspicious(
                user.id, min_score=self._config.risk.challenge_threshold, page=cmd.page
            )
