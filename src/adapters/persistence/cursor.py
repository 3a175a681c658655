"""Keyset pagination in SQL, with the one cursor format of ``domain.shared.cursor``.

``Keyset`` is the query side of a list: ``where`` the key is past the cursor, ``order_by`` the
key columns (all descending or all ascending, the last one unique), one row more than the limit
to know whether a next page exists, and ``page`` to cut the rows and encode the next cursor.
A cursor is checked (version, list, key shape and types) before any SQL runs.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Any, TypeVar, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Select, and_, literal, or_, tuple_
from sqlalchemy.types import TypeDecorator

from domain.shared.cursor import NOT_OURS, KeyValue, decode_keyset, encode_keyset
from domain.shared.pagination import Page, PageRequest

R = TypeVar("R")

__all__ = ["NOT_OURS", "Keyset", "decode_cursor", "decode_keyset", "encode_cursor", "encode_keyset"]


def encode_cursor(at: datetime, row_id: UUID, *, scope: str) -> str:
    """The cursor of a list ordered by ``(timestamp, id)``."""
    return encode_keyset(scope, (at, row_id))


def decode_cursor(cursor: str, *, scope: str) -> tuple[datetime, UUID]:
    at, row_id = decode_keyset(scope, cursor, (datetime, UUID))
    return cast(datetime, at), cast(UUID, row_id)


_KINDS = (bool, datetime, date, UUID, int, str, Decimal)


def _kind(column: Any) -> type:
    sql_type = column.type
    if isinstance(sql_type, TypeDecorator):  # UtcDateTime: the type it stores
        sql_type = sql_type.impl_instance
    kind = sql_type.python_type
    if kind not in _KINDS:
        raise TypeError(f"no cursor for a {kind.__name__} column ({column})")
    return cast(type, kind)


@dataclass(frozen=True, slots=True)
class Keyset:
    """A list ordered by ``columns`` (the last one unique), paged by cursors of ``scope``.

    ``descending`` is the direction of every column, or one a column. One direction for all
    compares the key as a row value, ``(a, b) < (x, y)``, which a composite index serves; mixed
    directions expand to ``a < x OR (a = x AND b > y)``."""

    scope: str
    columns: tuple[Any, ...]  # mapped attributes or table columns
    descending: bool | tuple[bool, ...] = True
    kinds: tuple[type, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "kinds", tuple(_kind(c) for c in self.columns))
        if isinstance(self.descending, tuple) and len(self.descending) != len(self.columns):
            raise ValueError("one direction a column")

    def _directions(self) -> tuple[bool, ...]:
        if isinstance(self.descending, tuple):
            return self.descending
        return (self.descending,) * len(self.columns)

    def after(self, cursor: str) -> ColumnElement[bool]:
        values = decode_keyset(self.scope, cursor, self.kinds)
        bounds = [literal(v, c.type) for v, c in zip(values, self.columns, strict=True)]
        directions = self._directions()
        if len(set(directions)) == 1:
            key, past = tuple_(*self.columns), tuple_(*bounds)
            return key < past if directions[0] else key > past
        ways: list[ColumnElement[bool]] = []
        for n, (column, bound, down) in enumerate(
            zip(self.columns, bounds, directions, strict=True)
        ):
            ties = [c == b for c, b in zip(self.columns[:n], bounds[:n], strict=True)]
            ways.append(and_(*ties, column < bound if down else column > bound))
        return or_(*ways)

    def select(self, statement: Select[Any], page: PageRequest) -> Select[Any]:
        """``statement`` past the cursor, in key order, one row more than the page."""
        if page.cursor is not None:
            statement = statement.where(self.after(page.cursor))
        order = [
            c.desc() if down else c.asc()
            for c, down in zip(self.columns, self._directions(), strict=True)
        ]
        return statement.order_by(*order).limit(page.limit + 1)

    def key_of(self, row: Any) -> tuple[KeyValue, ...]:
        return tuple(getattr(row, c.key) for c in self.columns)

    def page(
        self,
        rows: Sequence[Any],
        page: PageRequest,
        to_item: Callable[[Any], R],
    ) -> Page[R]:
        """The first ``limit`` rows as items, and the cursor after the last when more exist."""
        shown = list(rows[: page.limit])
        more = len(rows) > page.limit and bool(shown)
        cursor = encode_keyset(self.scope, self.key_of(shown[-1])) if more else None
        return Page(items=[to_item(r) for r in shown], next_cursor=cursor)
