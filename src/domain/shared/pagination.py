"""Keyset pagination: a page of items and an opaque cursor for the next one."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Final, Generic, TypeVar

from domain.shared.cursor import decode_keyset, encode_keyset
from domain.shared.errors import invalid_field

T = TypeVar("T")

DEFAULT_LIMIT: Final = 50
MAX_LIMIT: Final = 200


@dataclass(frozen=True, slots=True)
class PageRequest:
    limit: int = DEFAULT_LIMIT
    cursor: str | None = None

    def __post_init__(self) -> None:
        if not 1 <= self.limit <= MAX_LIMIT:
            raise invalid_field("limit", f"must be between 1 and {MAX_LIMIT}")


@dataclass(frozen=True, slots=True)
class Page(Generic[T]):
    items: Sequence[T]
    next_cursor: str | None = None


def page_in_memory(
    items: Sequence[T], page: PageRequest, *, scope: str, key: Callable[[T], str]
) -> Page[T]:
    """A page of a short list held in memory (a catalog), ``items`` in ascending unique ``key``
    order, with the same cursors as a list read from the database."""
    after: str | None = None
    if page.cursor is not None:
        (position,) = decode_keyset(scope, page.cursor, (str,))
        after = str(position)
    rest = [item for item in items if after is None or key(item) > after]
    shown = rest[: page.limit]
    more = len(rest) > page.limit and bool(shown)
    return Page(items=shown, next_cursor=encode_keyset(scope, (key(shown[-1]),)) if more else None)
