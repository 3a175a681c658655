"""Use case: the registration funnel for operators — registrations started in a period and how
many verified their email, their mobile, completed, or expired unfinished, with the conversion
between consecutive steps. Figures come from identity through the IdentityStatistics port."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date
from itertools import pairwise

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.audit.report_period import ReportPeriod, authorize_reports, report_period
from usecases.identity.public.identity_statistics import (
    IdentityStatistics,
    RegistrationFunnelCounts,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetRegistrationFunnelReport:
    actor: Actor
    since: date | None = None  # UTC date, included; default 29 days before until
    until: date | None = None  # UTC date, included; default today


@dataclass(frozen=True, slots=True, kw_only=True)
class FunnelConversion:
    """Share of the registrations at ``from_step`` that reached ``to_step`` (None: none began)."""

    from_step: str
    to_step: str
    ratio: float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationFunnelReport:
    period: ReportPeriod
    counts: RegistrationFunnelCounts
    conversions: list[FunnelConversion]


def ratio(reached: int, of: int) -> float | None:
    return None if of == 0 else round(reached / of, 4)


def conversions(counts: RegistrationFunnelCounts) -> list[FunnelConversion]:
    steps = [
        ("started", counts.started),
        ("email_verified", counts.email_verified),
        ("mobile_verified", counts.mobile_verified),
        ("completed", counts.completed),
    ]
    return [
        FunnelConversion(from_step=a, to_step=b, ratio=ratio(reached, of))
        for (a, of), (b, reached) in pairwise(steps)
    ]


class GetRegistrationFunnelReportHandler:
    def __init__(self, statistics: IdentityStatistics, clock: Clock) -> None:
        self._statistics = statistics
        self._clock = clock

    async def execute(self, cmd: GetRegistrationFunnelReport) -> RegistrationFunnelReport:
        authorize_reports(cmd.actor)
        now = self._clock.now().astimezone(UTC)
        period = report_period(cmd.since, cmd.until, now.date())
        counts = await self._statistics.registration_funnel(period.start, period.end, now)
        return RegistrationFunnelReport(
            period=period, counts=counts, conversions=conversions(counts)
        )
