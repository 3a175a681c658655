"""The list-page contract test catches what it is meant to: a bare array, a collection that is
not ``{items, next_cursor}``, a page without ``limit``/``cursor``, a page not named ``*Page``;
and lets through a page, a list of plain values, and an allowlisted array."""

from __future__ import annotations

from typing import Any

from tests.contract.test_list_pages import NOT_COLLECTIONS, list_shape_violations

ITEM = {"type": "object", "properties": {"id": {"type": "string"}}}
PAGE = {
    "type": "object",
    "properties": {
        "items": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}},
        "next_cursor": {"anyOf": [{"type": "string"}, {"type": "null"}]},
    },
}
PARAMS = [{"name": "limit", "in": "query"}, {"name": "cursor", "in": "query"}]


def document(schemas: dict[str, Any], **routes: tuple[str, list[dict[str, str]]]) -> Any:
    def get(name: str, params: list[dict[str, str]]) -> dict[str, Any]:
        schema = {"$ref": f"#/components/schemas/{name}"}
        content = {"application/json": {"schema": schema}}
        return {"get": {"parameters": params, "responses": {"200": {"content": content}}}}

    return {
        "components": {"schemas": {"Item": ITEM, **schemas}},
        "paths": {f"/{path}": get(name, params) for path, (name, params) in routes.items()},
    }


def test_the_standard_page_and_plain_value_lists_pass() -> None:
    tags = {
        "type": "object",
        "properties": {"tags": {"type": "array", "items": {"type": "string"}}},
    }
    doc = document({"ItemPage": PAGE, "Tagged": tags}, a=("ItemPage", PARAMS), b=("Tagged", []))
    assert list_shape_violations(doc) == []


def test_each_wrong_shape_is_named() -> None:
    old = {"type": "object", "properties": {**PAGE["properties"], "total": {"type": "integer"}}}
    bare = {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}
    nested = {
        "type": "object",
        "properties": {"lines": {"type": "array", "items": {"$ref": "#/components/schemas/Item"}}},
    }
    doc = document(
        {"ItemPage": PAGE, "ItemList": PAGE, "Old": old, "Bare": bare, "Nested": nested},
        old=("Old", PARAMS),
        bare=("Bare", []),
        nested=("Nested", []),
        unpaged=("ItemPage", [{"name": "limit", "in": "query"}]),
        badly_named=("ItemList", PARAMS),
    )
    assert list_shape_violations(doc) == [
        "GET /old: Old lists ['items'] but is not {items, next_cursor}",
        "GET /bare: answers a bare array",
        "GET /nested: Nested lists ['lines'] but is not {items, next_cursor}",
        "GET /unpaged: a page without the query parameters ['cursor']",
        "GET /badly_named: the page schema ItemList is not named <Thing>Page",
    ]


def test_the_allowlist_is_short_and_gives_a_reason_each() -> None:
    # about three arrays a context (twelve contexts): a longer list means lists went unpaged
    assert len(NOT_COLLECTIONS) <= 36
    assert all(len(reason) > 10 for reason in NOT_COLLECTIONS.values())
