"""Dates and timestamps in requests: ISO 8601 strings only.

Pydantic's lax mode reads a number as a Unix timestamp (``"date_of_birth": 0`` is 1970-01-01,
``until=0.5`` a date); these types refuse anything but the ISO text, with our message, on
every route that takes a date or a timestamp (body fields and query parameters alike)."""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Final

from pydantic import BeforeValidator
from pydantic_core import PydanticCustomError

_DATE: Final = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_DATETIME: Final = re.compile(
    r"[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([T ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?(Z|z|[+-][0-9]{2}:?[0-9]{2})?)?"
)


def _iso_date(value: object) -> object:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATE.fullmatch(value):
        return value
    raise PydanticCustomError("date_format", "must be a date string like 1990-04-12 (YYYY-MM-DD)")


def _iso_datetime(value: object) -> object:
    if isinstance(value, datetime):
        return value
    if isinstance(value, str) and _DATETIME.fullmatch(value):
        return value
    raise PydanticCustomError(
        "datetime_format",
        "must be an ISO 8601 timestamp string like 2026-11-22T10:15:00Z (or a date 2026-11-22)",
    )


IsoDate = Annotated[date, BeforeValidator(_iso_date)]
IsoDateTime = Annotated[datetime, BeforeValidator(_iso_datetime)]
