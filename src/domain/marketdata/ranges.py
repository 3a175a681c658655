"""A range of candles a client asks for: open times from ``start`` (inclusive) to ``end``
(exclusive), both aware, the end after the start, and no more than ``max_points`` candles of
the interval between them. Every refused field is named in one answer."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

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
        upper = end if end is not None else interval.bucket(now) + interval.length
        lower = start if start is not None else upper - interval.length * DEFAULT_POINTS
        if upper <= lower:
            refused.append(FieldError("end", "must be after start", RANGE_INVALID))
        elif (upper - lower) / interval.length > max_points:
            message = f"the range holds more than {max_points} {interval} candles; narrow it"
            refused.append(FieldError("end", message, TOO_MANY_POINTS))
        if refused:
            raise _refusal(refused)
        return cls(start=lower, end=upper)


def _refusal(errors: list[FieldError]) -> ValidationFailed:
    detail = "; ".join(f"{e.field}: {e.message}" for e in errors)
    code = errors[0].code if len({e.code for e in errors}) == 1 else "validation_failed"
    return ValidationFailed(detail, code=code, errors=errors)
