"""Reading capital activities and index levels from CSV, naming the row and column of every
problem.

Rows are numbered as a spreadsheet shows them: the header is row 1, the first data row 2.
A file is UTF-8 (a byte-order mark is allowed), comma-separated, with a header naming the
columns in any order; unknown columns are refused so a typo is not silently dropped.

Activities: ``occurred_on`` (YYYY-MM-DD), ``kind`` (contribution, fee, return_of_capital, gain,
income, valuation), ``amount`` (a positive decimal, the investment's minor units), ``currency``
(the investment's) and optionally ``note``. Index levels: ``on`` (YYYY-MM-DD) and ``level``
(a positive decimal)."""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Final, Generic, TypeVar

from domain.portfolio.activity import Activity, ActivityKind
from domain.portfolio.investment import Investment
from domain.portfolio.pme import IndexLevel
from domain.shared.errors import DomainError

ACTIVITY_COLUMNS: Final = ("occurred_on", "kind", "amount", "currency", "note")
ACTIVITY_REQUIRED: Final = ("occurred_on", "kind", "amount", "currency")
INDEX_COLUMNS: Final = ("on", "level")
MAX_ROWS: Final = 50_000

T = TypeVar("T")


@dataclass(frozen=True, slots=True)
class RowProblem:
    row: int  # 1 is the header
    column: str | None  # None: the row (or the file) as a whole
    code: str
    message: str


@dataclass(frozen=True, slots=True)
class Parsed(Generic[T]):
    items: list[T]
    problems: list[RowProblem]
    rows: int  # data rows read


def _records(
    text: str, columns: Sequence[str], required: Sequence[str]
) -> tuple[list[tuple[int, dict[str, str]]], list[RowProblem]]:
    reader = csv.reader(io.StringIO(text.removeprefix("\ufeff")))
    try:
        header = [name.strip() for name in next(reader)]
    except StopIteration:
        return [], [RowProblem(1, None, "empty_file", "the file has no header row")]
    except csv.Error as broken:
        return [], [RowProblem(1, None, "malformed_csv", str(broken))]
    problems = [
        RowProblem(1, name, "unknown_column", f"unknown column {name!r}")
        for name in header
        if name not in columns
    ]
    problems += [
        RowProblem(1, name, "missing_column", f"the column {name!r} is required")
        for name in required
        if name not in header
    ]
    if problems:
        return [], problems
    records = []
    try:
        for values in reader:
            row = reader.line_num
            if not any(v.strip() for v in values):
                continue
            if len(values) != len(header):
                problems.append(
                    RowProblem(
                        row, None, "wrong_field_count", f"{len(values)} fields, not {len(header)}"
                    )
                )
                continue
            records.append((row, {k: v.strip() for k, v in zip(header, values, strict=True)}))
            if len(records) > MAX_ROWS:
                return [], [RowProblem(row, None, "too_many_rows", f"over {MAX_ROWS} rows")]
    except csv.Error as broken:
        problems.append(RowProblem(reader.line_num, None, "malformed_csv", str(broken)))
    return records, problems


def _date(value: str) -> date:
    try:
        return datetime.strptime(value, "%Y-%m-%d").date()  # noqa: DTZ007 - a calendar date
    except ValueError:
        raise ValueError("must be a date like 2024-03-31") from None


def _decimal(value: str) -> Decimal:
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{value!r} is not a decimal number") from None
    if not number.is_finite():
        raise ValueError("must be a finite number")
    return number


def _field(
    problems: list[RowProblem], row: int, column: str, parse: Callable[[str], T], value: str
) -> T | None:
    try:
        return parse(value)
    except ValueError as wrong:
        problems.append(RowProblem(row, column, "invalid", str(wrong)))
        return None


def parse_activities(text: str, investment: Investment, now: datetime) -> Parsed[Activity]:
    """Every row checked by the same rules as one activity recorded alone (start date,
    currency, amount); problems name the column of the rule that refused."""
    records, problems = _records(text, ACTIVITY_COLUMNS, ACTIVITY_REQUIRED)
    activities: list[Activity] = []
    for row, record in records:
        before = len(problems)
        occurred_on = _field(problems, row, "occurred_on", _date, record["occurred_on"])
        kind = _field(problems, row, "kind", ActivityKind, record["kind"])
        if kind is None:
            problems[-1] = RowProblem(
                row, "kind", "invalid", f"one of {', '.join(k.value for k in ActivityKind)}"
            )
        amount = _field(problems, row, "amount", _decimal, record["amount"])
        if len(problems) > before or occurred_on is None or kind is None or amount is None:
            continue
        try:
            activities.append(
                Activity.new(
                    investment,
                    kind=kind,
                    occurred_on=occurred_on,
                    amount=amount,
                    currency=record["currency"].upper(),
                    note=record.get("note") or None,
                    now=now,
                )
            )
        except DomainError as refused:
            for error in refused.errors or ():
                problems.append(RowProblem(row, error.field, error.code, error.message))
            if not refused.errors:
                problems.append(RowProblem(row, None, refused.error_code, refused.detail))
    return Parsed(activities, problems, len(records))


def parse_index_levels(text: str) -> Parsed[IndexLevel]:
    records, problems = _records(text, INDEX_COLUMNS, INDEX_COLUMNS)
    levels: list[IndexLevel] = []
    seen: dict[date, int] = {}
    for row, record in records:
        before = len(problems)
        on = _field(problems, row, "on", _date, record["on"])
        level = _field(problems, row, "level", _decimal, record["level"])
        if level is not None and level <= 0:
            problems.append(RowProblem(row, "level", "invalid", "must be positive"))
        if on is not None and on in seen:
            problems.append(
                RowProblem(row, "on", "duplicate_date", f"{on.isoformat()} is also row {seen[on]}")
            )
        if len(problems) > before or on is None or level is None:
            continue
        seen[on] = row
        levels.append(IndexLevel(on, level))
    return Parsed(levels, problems, len(records))
