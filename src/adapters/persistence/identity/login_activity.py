"""The login activity store: one row per security event, with a login's risk score."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, bindparam, func, insert, or_, select, tuple_
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset, decode_cursor, encode_cursor
from adapters.persistence.identity.models import LoginActivityRow
from adapters.persistence.mapping import to_domain
from domain.identity.device import DeviceInfo, UserAgent
from domain.identity.risk import RiskAssessment, RiskHit, RiskRule
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.authentication.ports import LoginHistory

KNOWN_IPS_LIMIT = 500  # distinct addresses of successful logins compared against
SUSPICIOUS_ACTIVITY = "suspicious-activity"  # the scope of its cursors, shared with banking's
NEWEST_FIRST = Keyset("login-activity", (LoginActivityRow.occurred_at, LoginActivityRow.id))

# Built once: every login attempt writes a row (see sessions.py).
_INSERT = insert(cast(Table, LoginActivityRow.__table__))

# What a login's risk score reads, built once (a login runs both): the addresses of recent
# successful logins, and the failures since a moment.
_SUCCEEDED_IPS = (
    select(LoginActivityRow.ip)
    .where(
        LoginActivityRow.user_id == bindparam("user_id"),
        LoginActivityRow.event == SecurityEventKind.LOGIN_SUCCEEDED.value,
        LoginActivityRow.ip.is_not(None),
    )
    .group_by(LoginActivityRow.ip)
    .order_by(func.max(LoginActivityRow.occurred_at).desc())
    .limit(KNOWN_IPS_LIMIT)
)
_FAILURES_SINCE = (
    select(LoginActivityRow.event, func.count())
    .where(
        LoginActivityRow.user_id == bindparam("user_id"),
        LoginActivityRow.occurred_at >= bindparam("since"),
        LoginActivityRow.event.in_(
            [SecurityEventKind.LOGIN_FAILED.value, SecurityEventKind.TWO_FACTOR_FAILED.value]
        ),
    )
    .group_by(LoginActivityRow.event)
)


def _clip(value: str | None, size: int) -> str | None:
    return value[:size] if value is not None else None


def _reasons(risk: RiskAssessment | None) -> list[dict[str, Any]] | None:
    if risk is None:
        return None
    return [{"rule": h.rule.value, "points": h.points, "reason": h.reason} for h in risk.hits]


def _risk(row: LoginActivityRow) -> RiskAssessment | None:
    if row.risk_score is None:
        return None
    hits = tuple(
        RiskHit(RiskRule(h["rule"]), int(h["points"]), str(h["reason"]))
        for h in row.risk_reasons or ()
    )
    return RiskAssessment(score=row.risk_score, hits=hits)


def _to_event(row: LoginActivityRow) -> SecurityEvent:
    agent = UserAgent(raw=row.user_agent, browser=row.browser, os=row.os)
    return to_domain(
        row,
        SecurityEvent,
        kind=SecurityEventKind(row.event),
        device=DeviceInfo(device_id=row.device_id, name=None, agent=agent, ip=row.ip),
        risk=_risk(row),
    )


class SqlLoginActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: SecurityEvent) -> None:
        device = event.device
        await self._session.execute(
            _INSERT,
            {
                "id": event.id,
                "event": event.kind.value,
                "succeeded": event.succeeded,
                "user_id": event.user_id,
                "reason": _clip(event.reason, 200),
                "identifier": _clip(event.identifier, 320),
                "ip": _clip(device.ip, 64) if device else None,
                "user_agent": _clip(device.agent.raw, 512) if device else None,
                "browser": _clip(device.agent.browser, 100) if device else None,
                "os": _clip(device.agent.os, 100) if device else None,
                "device_id": _clip(device.device_id, 128) if device else None,
                "session_id": event.session_id,
                "request_id": _clip(event.request_id, 128),
                "occurred_at": event.occurred_at,
                "risk_score": event.risk.score if event.risk else None,
                "risk_reasons": _reasons(event.risk),
            },
        )

    async def for_user(self, user_id: UserId, page: PageRequest) -> Page[SecurityEvent]:
        query = select(LoginActivityRow).where(LoginActivityRow.user_id == user_id)
        rows = list(await self._session.scalars(NEWEST_FIRST.select(query, page)))
        return NEWEST_FIRST.page(rows, page, _to_event)

    async def history(self, user_id: UserId, *, since: datetime) -> LoginHistory:
        ips = await self._session.scalars(_SUCCEEDED_IPS, {"user_id": user_id})
        counts = (
            await self._session.execute(_FAILURES_SINCE, {"user_id": user_id, "since": since})
        ).all()
        by_event = {event: int(n) for event, n in counts}
        return LoginHistory(
            succeeded_ips=frozenset(ip for ip in ips if ip),
            failed_logins=by_event.get(SecurityEventKind.LOGIN_FAILED.value, 0),
            wrong_codes=by_event.get(SecurityEventKind.TWO_FACTOR_FAILED.value, 0),
        )

    async def suspicious(
        self, user_id: UserId, *, min_score: int, page: PageRequest
    ) -> Page[SecurityEvent]:
        row = LoginActivityRow
        query = select(row).where(
            row.user_id == user_id,
            or_(row.succeeded.is_(False), row.risk_score >= min_score),
        )
        if page.cursor:
            at, last_id = decode_cursor(page.cursor, scope=SUSPICIOUS_ACTIVITY)
            query = query.where(tuple_(row.occurred_at, row.id) < tuple_(at, last_id))
        rows = list(
            await self._session.scalars(
                query.order_by(row.occurred_at.desc(), row.id.desc()).limit(page.limit + 1)
            )
        )
        more = len(rows) > page.limit
        rows = rows[: page.limit]
        cursor = (
            encode_cursor(rows[-1].occurred_at, rows[-1].id, scope=SUSPICIOUS_ACTIVITY)
            if more
            else None
        )
        return Page(items=[_to_event(r) for r in rows], next_cursor=cursor)
