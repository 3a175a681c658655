"""Use case: login activity for operators — successful and failed logins per UTC day, and the
accounts and addresses that fail most. Figures come from identity through the shared
IdentityStatistics port. Also home of the report period rules both reports share."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from typing import Final

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.audit.report_period import ReportPeriod, authorize_reports, report_period
from usecases.identity.public.identity_statistics import (
    FailingIdentifier,
    FailingIp,
    IdentityStatistics,
    LoginDayCount,
)

TOP_LIMIT: Final = 10


@dataclass(frozen=True, slots=True, kw_only=True)
class GetLoginActivityReport:
    actor: Actor
    since: date | None = None  # UTC date, included; default 29 days before until
    until: date | None = None  # UTC date, included; default today


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginActivityReport:
    period: ReportPeriod
    days: list[LoginDayCount]  # every day of the period, zero counts included
    top_failing_identifiers: list[FailingIdentifier]
    top_failing_ips: list[FailingIp]

    @property
    def successes(self) -> int:
        return sum(d.successes for d in self.days)

    @property
    def failures(self) -> int:
        return sum(d.failures for d in self.days)


class GetLoginActivityReportHandler:
    def __init__(self, statistics: IdentityStatistics, clock: Clock) -> None:
        self._statistics = statistics
        self._clock = clock

    async def execute(self, cmd: GetLoginActivityReport) -> LoginActivityReport:
        authorize_reports(cmd.actor)
        period = report_period(cmd.since, cmd.until, self._clock.now().astimezone(UTC).date())
        counted = {
            d.day: d for d in await self._statistics.login_counts_by_day(period.start, period.end)
        }
        days = [
            counted.get(day) or LoginDayCount(day=day, successes=0, failures=0)
            for day in period.days()
        ]
        return LoginActivityReport(
            period=period,
            days=days,
            top_failing_identifiers=await self._statistics.top_failing_identifiers(
                period.start, period.end, TOP_LIMIT
            ),
            top_failing_ips=await self._statistics.top_failing_ips(
                period.start, period.end, TOP_LIMIT
            ),
        )
