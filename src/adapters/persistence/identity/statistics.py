"""Identity's implementation of the shared IdentityStatistics port: aggregate queries over
``login_activity`` and ``registrations`` (counted in PostgreSQL, never row by row)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from sqlalchemy import Date, case, cast, func, select
from sqlalchemy.ext.asyncio import AsyncSession
from sqlalchemy.orm import InstrumentedAttribute

from adapters.persistence.identity.models import LoginActivityRow, RegistrationRow, UserRow
from domain.identity.security_event import SecurityEventKind
from usecases.identity.public.identity_statistics import (
    FailingIdentifier,
    FailingIp,
    LoginDayCount,
    RegistrationFunnelCounts,
)

SUCCESS_KINDS = (SecurityEventKind.LOGIN_SUCCEEDED.value,)
# A failed attempt to log in: wrong credentials (unknown, wrong password, locked, blocked) or a
# wrong second factor. Lockouts and refused token uses are consequences, not attempts.
FAILURE_KINDS = (
    SecurityEventKind.LOGIN_FAILED.value,
    SecurityEventKind.TWO_FACTOR_FAILED.value,
)


class SqlIdentityStatistics:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    async def login_counts_by_day(self, since: datetime, until: datetime) -> list[LoginDayCount]:
        day = cast(func.timezone("UTC", LoginActivityRow.occurred_at), Date).label("day")
        succeeded = func.count(case((LoginActivityRow.event.in_(SUCCESS_KINDS), 1)))
        failed = func.count(case((LoginActivityRow.event.in_(FAILURE_KINDS), 1)))
        query = (
            select(day, succeeded, failed)
            .where(
                LoginActivityRow.occurred_at >= since,
                LoginActivityRow.occurred_at < until,
                LoginActivityRow.event.in_(SUCCESS_KINDS + FAILURE_KINDS),
            )
            .group_by(day)
            .order_by(day)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [
            LoginDayCount(day=_as_date(r[0]), successes=int(r[1]), failures=int(r[2])) for r in rows
        ]

    async def top_failing_identifiers(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIdentifier]:
        rows = await self._top(LoginActivityRow.identifier, since, until, limit)
        return [FailingIdentifier(identifier=str(key), failures=n) for key, n in rows]

    async def top_failing_ips(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIp]:
        rows = await self._top(LoginActivityRow.ip, since, until, limit)
        return [FailingIp(ip=str(key), failures=n) for key, n in rows]

    async def _top(
        self, key: InstrumentedAttribute[str | None], since: datetime, until: datetime, limit: int
    ) -> list[tuple[str, int]]:
        failures = func.count().label("failures")
        query = (
            select(key, failures)
            .where(
                LoginActivityRow.occurred_at >= since,
                LoginActivityRow.occurred_at < until,
                LoginActivityRow.event.in_(FAILURE_KINDS),
                key.is_not(None),
            )
            .group_by(key)
            .order_by(failures.desc(), key)
            .limit(limit)
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return [(str(r[0]), int(r[1])) for r in rows]

    async def registration_funnel(
        self, since: datetime, until: datetime, now: datetime
    ) -> RegistrationFunnelCounts:
        r = RegistrationRow
        query = select(
            func.count(),
            func.count(r.email_verified_at),
            func.count(r.phone_verified_at),
            func.count(r.completed_at),
            func.count(case(((r.completed_at.is_(None)) & (r.expires_at <= now), 1))),
        ).where(r.created_at >= since, r.created_at < until)
        async with self._sessions() as session:
            row = (await session.execute(query)).one()
        return RegistrationFunnelCounts(
            started=int(row[0]),
            email_verified=int(row[1]),
            mobile_verified=int(row[2]),
            completed=int(row[3]),
            expired=int(row[4]),
        )

    async def users_by_kyc_level(self) -> dict[int, int]:
        query = select(UserRow.kyc_level, func.count()).group_by(UserRow.kyc_level)
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        return {int(level): int(count) for level, count in rows}


def _as_date(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value
