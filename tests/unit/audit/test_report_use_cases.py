"""The report use cases with a fake IdentityStatistics: access, the period rules, every day
present, and the funnel's conversions."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated, ValidationFailed
from domain.shared.ids import UserId, new_uuid
from tests.support.clock import FixedClock
from usecases.audit.get_kyc_status_report import GetKycStatusReport, GetKycStatusReportHandler
from usecases.audit.get_login_activity_report import (
    GetLoginActivityReport,
    GetLoginActivityReportHandler,
)
from usecases.audit.get_registration_funnel_report import (
    GetRegistrationFunnelReport,
    GetRegistrationFunnelReportHandler,
)
from usecases.audit.report_period import report_period
from usecases.identity.public.identity_statistics import (
    FailingIdentifier,
    FailingIp,
    LoginDayCount,
    RegistrationFunnelCounts,
)
from usecases.kyc.public.kyc_statistics import StepStateCounts

TODAY = date(2026, 3, 15)
OPERATOR = Actor(kind="user", user_id=UserId(new_uuid()), permissions=frozenset({"reports:read"}))


class FakeStatistics:
    def __init__(self, funnel: RegistrationFunnelCounts | None = None) -> None:
        self.asked: list[tuple[datetime, datetime]] = []
        self.funnel = funnel or RegistrationFunnelCounts(
            started=0, email_verified=0, mobile_verified=0, completed=0, expired=0
        )

    async def login_counts_by_day(self, since: datetime, until: datetime) -> list[LoginDayCount]:
        self.asked.append((since, until))
        return [LoginDayCount(day=date(2026, 3, 14), successes=4, failures=1)]

    async def top_failing_identifiers(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIdentifier]:
        return [FailingIdentifier(identifier="a@example.com", failures=1)]

    async def top_failing_ips(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIp]:
        return [FailingIp(ip="203.0.113.7", failures=1)]

    async def registration_funnel(
        self, since: datetime, until: datetime, now: datetime
    ) -> RegistrationFunnelCounts:
        self.asked.append((since, until))
        return self.funnel


def clock() -> FixedClock:
    return FixedClock(datetime(2026, 3, 15, 23, 59, tzinfo=UTC))


async def test_the_default_period_is_the_last_30_days_with_every_day_present() -> None:
    stats = FakeStatistics()
    report = await GetLoginActivityReportHandler(stats, clock()).execute(
        GetLoginActivityReport(actor=OPERATOR)
    )
    assert (report.period.since, report.period.until) == (date(2026, 2, 14), TODAY)
    assert stats.asked == [(datetime(2026, 2, 14, tzinfo=UTC), datetime(2026, 3, 16, tzinfo=UTC))]
    assert len(report.days) == 30
    assert report.days[-2] == LoginDayCount(day=date(2026, 3, 14), successes=4, failures=1)
    assert report.days[-1] == LoginDayCount(day=TODAY, successes=0, failures=0)
    assert (report.successes, report.failures) == (4, 1)


@pytest.mark.parametrize(
    ("since", "until", "field"),
    [
        (date(2025, 3, 14), None, "since"),  # 367 days up to today
        (date(2025, 1, 1), date(2026, 1, 2), "until"),
        (date(2026, 3, 2), date(2026, 3, 1), "until"),
        (None, date.max, "until"),
    ],
)
def test_a_bad_period_names_its_field(since: date | None, until: date | None, field: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        report_period(since, until, TODAY)
    assert [e.field for e in raised.value.errors] == [field]


def test_a_period_may_span_366_days_and_start_at_the_first_date() -> None:
    assert len(report_period(date(2024, 1, 1), date(2024, 12, 31), TODAY).days()) == 366
    assert report_period(None, date(1, 1, 5), TODAY).since == date.min


async def test_reports_need_reports_read() -> None:
    user = Actor(kind="user", user_id=UserId(new_uuid()))
    handler = GetRegistrationFunnelReportHandler(FakeStatistics(), clock())
    with pytest.raises(PermissionDenied):
        await handler.execute(GetRegistrationFunnelReport(actor=user))
    with pytest.raises(Unauthenticated):
        await GetLoginActivityReportHandler(FakeStatistics(), clock()).execute(
            GetLoginActivityReport(actor=Actor.anonymous())
        )


async def test_the_funnel_converts_between_consecutive_steps() -> None:
    counts = RegistrationFunnelCounts(
        started=3, email_verified=2, mobile_verified=0, completed=0, expired=1
    )
    report = await GetRegistrationFunnelReportHandler(FakeStatistics(counts), clock()).execute(
        GetRegistrationFunnelReport(actor=OPERATOR, since=TODAY, until=TODAY)
    )
    assert report.counts == counts
    assert [(c.from_step, c.to_step, c.ratio) for c in report.conversions] == [
        ("started", "email_verified", 0.6667),
        ("email_verified", "mobile_verified", 0.0),
        ("mobile_verified", "completed", None),
    ]


class FakeKycStatistics:
    def levels(self) -> list[int]:
        return [0, 1, 2]

    async def step_state_counts(self) -> list[StepStateCounts]:
        return [
            StepStateCounts(step="aadhaar", counts={"pending_review": 2, "verified": 1}),
            StepStateCounts(step="pan", counts={"verified": 3, "rejected": 0}),
        ]


class LevelStatistics(FakeStatistics):
    async def users_by_kyc_level(self) -> dict[int, int]:
        return {0: 4, 2: 1}  # nobody at level 1


async def test_the_kyc_report_derives_not_started_and_lists_every_level() -> None:
    handler = GetKycStatusReportHandler(FakeKycStatistics(), LevelStatistics())
    report = await handler.execute(GetKycStatusReport(actor=OPERATOR))
    assert report.users == 5
    assert [(s.step, s.state, s.count) for s in report.steps] == [
        ("aadhaar", "not_started", 2),
        ("aadhaar", "pending_review", 2),
        ("aadhaar", "verified", 1),
        ("pan", "not_started", 2),
        ("pan", "verified", 3),
        ("pan", "rejected", 0),
    ]
    assert [(n.level, n.users) for n in report.levels] == [(0, 4), (1, 0), (2, 1)]
    stranger = Actor(kind="user", user_id=UserId(new_uuid()))
    with pytest.raises(PermissionDenied):
        await handler.execute(GetKycStatusReport(actor=stranger))
