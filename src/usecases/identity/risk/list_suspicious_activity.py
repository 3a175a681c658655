"""An operator lists a user's suspicious activity: failed events and logins whose risk score
reached the challenge threshold, and the risky events other contexts score (banking's unusual
withdrawal velocity, through the shared RiskActivitySource port), merged newest first, with the
reasons."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from uuid import UUID

from domain.identity.access import AUDIT_READ
from domain.identity.security_event import SecurityEvent
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import user_by_code
from usecases.identity.config import IdentityConfig
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.public.risk_activity import RiskActivity, RiskActivitySource

Activity = SecurityEvent | RiskActivity


@dataclass(frozen=True, slots=True, kw_only=True)
class ListSuspiciousActivity:
    actor: Actor
    user_code: str
    page: PageRequest


@dataclass(frozen=True, slots=True)
class CursorCodec:
    """The keyset cursor ``(time, id)`` every source pages by (the persistence adapter's)."""

    encode: Callable[[datetime, UUID], str]
    decode: Callable[[str], tuple[datetime, UUID]]


def _key(item: Activity) -> tuple[datetime, UUID]:
    return item.occurred_at, item.id


class ListSuspiciousActivityHandler:
    def __init__(
        self,
        *,
        uow: IdentityUnitOfWork,
        config: IdentityConfig,
        sources: Sequence[RiskActivitySource] = (),
        cursors: CursorCodec | None = None,
    ) -> None:
        self._uow = uow
        self._config = config
        self._sources = tuple(sources)
        self._cursors = cursors

    async def execute(self, cmd: ListSuspiciousActivity) -> Page[Activity]:
        authorize(cmd.actor, AUDIT_READ)
        min_score = self._config.risk.challenge_threshold
        async with self._uow as uow:
            user = await user_by_code(uow, cmd.user_code)
            logins = await uow.login_activity.suspicious(
                user.id, min_score=min_score, page=cmd.page
            )
        if not self._sources or self._cursors is None:
            return Page(items=list(logins.items), next_cursor=logins.next_cursor)
        before = None if cmd.page.cursor is None else self._cursors.decode(cmd.page.cursor)
        merged: list[Activity] = list(logins.items)
        for source in self._sources:
            merged += await source.suspicious(
                user.id, min_score=min_score, before=before, limit=cmd.page.limit + 1
            )
        merged.sort(key=_key, reverse=True)
        more = len(merged) > cmd.page.limit or logins.next_cursor is not None
        items = merged[: cmd.page.limit]
        cursor = self._cursors.encode(*_key(items[-1])) if more and items else None
        return Page(items=items, next_cursor=cursor)
