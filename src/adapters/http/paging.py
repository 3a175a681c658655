"""What every list shares at the edge: the ``limit`` and ``cursor`` query parameters and the
``next_cursor`` field of a page (``{items, next_cursor}``, nothing else)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Annotated, Any, Final, TypeVar

from fastapi import Query
from pydantic import BaseModel, ConfigDict, Field

from domain.shared.pagination import DEFAULT_LIMIT, MAX_LIMIT, Page

T = TypeVar("T")
P = TypeVar("P", bound=BaseModel)

MAX_CURSOR: Final = 2048
EXAMPLE_CURSOR: Final = "eyJ2IjoxLCJzIjoiZXhhbXBsZSIsImsiOls0Ml19"  # what a cursor looks like

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items a page, 1 to {MAX_LIMIT}.")]
Cursor = Annotated[
    str | None,
    Query(
        min_length=1,
        max_length=MAX_CURSOR,
        description="The `next_cursor` of the previous page, as it was; omit for the first.",
    ),
]
NextCursor = Annotated[
    str | None,
    Field(description="Opaque; pass as `cursor` for the next page. Null on the last page."),
]


def page_of(schema: type[P], read: Callable[[T], Any], page: Page[T]) -> P:
    """The page schema of a use case's page: each item read with ``read``, the cursor as is."""
    return schema(items=[read(item) for item in page.items], next_cursor=page.next_cursor)


def page_config(item: type[BaseModel]) -> ConfigDict:
    """A page schema's config: its example is the item's first example and a next cursor."""
    extra = item.model_config.get("json_schema_extra")
    examples = list(extra.get("examples") or []) if isinstance(extra, dict) else []  # type: ignore[arg-type]
    return ConfigDict(
        json_schema_extra={"examples": [{"items": examples[:1], "next_cursor": EXAMPLE_CURSOR}]}
    )


__all__ = [
    "DEFAULT_LIMIT",
    "EXAMPLE_CURSOR",
    "MAX_CURSOR",
    "Cursor",
    "Limit",
    "NextCursor",
    "page_config",
]
