"""Walking a list through its pages, checking the page contract on the way."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import httpx

from tests.support.accounts import assert_problem


async def walk_pages(
    client: httpx.AsyncClient,
    url: str,
    *,
    headers: Mapping[str, str],
    limit: int,
    params: Mapping[str, Any] | None = None,
    max_pages: int = 100,
) -> list[dict[str, Any]]:
    """Every item of the list, following ``next_cursor`` with ``limit`` a page; each page is
    exactly ``{items, next_cursor}``, full but the last, and only the last has no cursor."""
    items: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(max_pages):
        query = {**(params or {}), "limit": limit, **({"cursor": cursor} if cursor else {})}
        response = await client.get(url, headers=dict(headers), params=query)
        assert response.status_code == 200, response.text
        page = response.json()
        assert set(page) == {"items", "next_cursor"}, page
        assert len(page["items"]) <= limit
        items.extend(page["items"])
        cursor = page["next_cursor"]
        if cursor is None:
            return items
        assert len(page["items"]) == limit, "a page before the last is full"
        assert not cursor.isdigit(), f"a cursor is opaque, not a number: {cursor}"
    raise AssertionError(f"{url}: more than {max_pages} pages")


async def assert_garbage_cursor_refused(
    client: httpx.AsyncClient, url: str, *, headers: Mapping[str, str]
) -> None:
    """A cursor the API did not issue is 422 naming ``query.cursor``, never a 500."""
    for garbage in ("39", "not-a-cursor", "eyJ2IjoxLCJzIjoib3RoZXIiLCJrIjpbMV19", "%%%"):
        response = await client.get(url, headers=dict(headers), params={"cursor": garbage})
        problem = assert_problem(response, 422, "validation_failed")
        assert [e["field"] for e in problem["errors"]] == ["query.cursor"], problem
