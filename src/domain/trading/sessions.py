"""Trading hours: when an instrument's market is open, and when its session ends (a DAY
order expires then). Crypto trades around the clock (a DAY order ends at midnight UTC);
equities follow a session calendar in the exchange's own time zone (``zoneinfo``), so
daylight saving is the calendar's, not ours. Exchange holidays are not modelled yet."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, time, timedelta
from typing import Final, Protocol
from zoneinfo import ZoneInfo


class TradingHours(Protocol):
    @property
    def code(self) -> str: ...

    def is_open(self, at: datetime) -> bool: ...

    def session_end(self, at: datetime) -> datetime:
        """When the session open at ``at`` ends (aware UTC)."""
        ...


@dataclass(frozen=True, slots=True)
class AroundTheClock:
    code: str = "24x7"

    def is_open(self, at: datetime) -> bool:
        return True

    def session_end(self, at: datetime) -> datetime:
        day = at.astimezone(UTC).date() + timedelta(days=1)
        return datetime.combine(day, time(0, 0), UTC)


@dataclass(frozen=True, slots=True)
class SessionCalendar:
    """A session ``opens``-``closes`` local time on ``weekdays`` (0 = Monday) in ``zone``."""

    code: str
    zone: str
    opens: time
    closes: time
    weekdays: frozenset[int] = frozenset(range(5))

    def _local(self, at: datetime) -> datetime:
        return at.astimezone(ZoneInfo(self.zone))

    def is_open(self, at: datetime) -> bool:
        local = self._local(at)
        return local.weekday() in self.weekdays and self.opens <= local.time() < self.closes

    def session_end(self, at: datetime) -> datetime:
        local = self._local(at)
        end = datetime.combine(local.date(), self.closes, ZoneInfo(self.zone))
        return end.astimezone(UTC)


US_EQUITIES: Final = SessionCalendar("xnys", "America/New_York", time(9, 30), time(16, 0))
US_BONDS: Final = SessionCalendar("us_bonds", "America/New_York", time(8, 0), time(17, 0))
CRYPTO: Final = AroundTheClock()

CALENDARS: Final[dict[str, TradingHours]] = {c.code: c for c in (CRYPTO, US_EQUITIES, US_BONDS)}
