"""A range of candles a client asks for: open times from ``start`` (inclusive) to ``end``
(exclusive), both aware, the end after the start, and no more than ``max_points`` candles of
the interval between them. Every refused field is named in one answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime

from domain.marketdata.candles import Interval
from domain.marketdata.errors import RANGE_INVALID, TIME_NOT_AWARE, TOO_MANY_POINTS
from domain.shared.errors import FieldError, ValidationFailed

DEFAULT_POINTS = 200  # a missing start: this many candles before the end


@dataclass(frozen=True, slots=True, kw_only=True)
class TimeRange:
    start: datetime
    end: datetime

    @classmethod
    def asked(
        cls,
        interval: Interval,
        start: datetime | None,
        end: datetime | None,
        now: datetime,
        max_points: int,
    ) -> TimeRange:
        """The range asked (a missing end: now; a missing start: 200 candles before the end)."""
        refused: list[FieldError] = []
        for name, value in (("start", start), ("end", end)):
            if value is not None and value.utcoffset() is None:
                refused.append(
                    FieldError(
                        name, "must carry its UTC offset, e.g. 2026-12-01T10:00:00Z", TIME_NOT_AWARE
                    )
                )
        if refused:
            raise _refusal(refused)
        start, end = _utc(start, "start", refused), _utc(end, "end", refused)
        if refused:
            raise _refusal(refused)
        upper = end if end is not None else interval.bucket(now) + interval.length
        try:
            lower = start if start is not None else upper - interval.length * DEFAULT_POINTS
        except OverflowError:  # an end in the first days of year 1: nothing lies before it
            raise _refusal([FieldError("end", "is too far in the past", RANGE_INVALID)]) from None
        if upper <= lower:
            refused.append(FieldError("end", "must be after start", RANGE_INVALID))
        elif (upper - lower) / interval.length > max_points:
            message = f"the range holds more than {max_points} {interval} candles; narrow it"
            refused.append(FieldError("end", message, TOO_MANY_POINTS))
        if refused:
            raise _refusal(refused)
        return cls(start=lower, end=upper)


def _utc(at: datetime | None, name: str, refused: list[FieldError]) -> datetime | None:
    """``at`` in UTC; a time past the calendar's end there is refused by name."""
    try:
        return None if at is None else at.astimezone(UTC)
    except OverflowError:
        refused.append(FieldError(name, "lies outside the years 1 to 9999 in UTC", RANGE_INVALID))
        return None


def _refusal(errors: list[FieldError]) -> ValidationFailed:
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    code = errors[0].code if len({e.code for e in errors}) == 1 else "validation_failed"
    return ValidationFailed(detail, code=code, errors=errors)
