"""The period of a report, and who may read reports: shared by every report use case."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final

from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated, invalid_field

PERMISSION: Final = "reports:read"
DEFAULT_DAYS: Final = 30
MAX_DAYS: Final = 366


@dataclass(frozen=True, slots=True, kw_only=True)
class ReportPeriod:
    """UTC calendar days from ``since`` to ``until``, both included."""

    since: date
    until: date

    @property
    def start(self) -> datetime:
        return datetime.combine(self.since, time.min, tzinfo=UTC)

    @property
    def end(self) -> datetime:
        """The first moment after the period."""
        return datetime.combine(self.until, time.min, tzinfo=UTC) + timedelta(days=1)

    def days(self) -> list[date]:
        return [self.since + timedelta(days=n) for n in range((self.until - self.since).days + 1)]


def authorize_reports(actor: Actor) -> None:
    if not actor.is_authenticated:
        raise Unauthenticated("reports need a signed-in operator")
    if not actor.may(PERMISSION):
        raise PermissionDenied(f"reports need {PERMISSION}")


def report_period(since: date | None, until: date | None, today: date) -> ReportPeriod:
    """The period asked for: by default the last 30 days up to today, at most 366 days."""
    if until is not None and until >= date.max:
        raise invalid_field("until", "must be before 9999-12-31")
    last = until if until is not None else today
    first = since if since is not None else _days_before(last, DEFAULT_DAYS - 1)
    if last < first:
        raise invalid_field("until", "must not be before since")
    if (last - first).days + 1 > MAX_DAYS:
        beyond = "until" if until is not None else "since"
        raise invalid_field(beyond, f"a report covers at most {MAX_DAYS} days")
    return ReportPeriod(since=first, until=last)


def _days_before(day: date, days: int) -> date:
    return day - timedelta(days=days) if day - date.min >= timedelta(days=days) else date.min
