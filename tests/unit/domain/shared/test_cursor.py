"""The one cursor format: opaque, versioned, bound to its list, and anything not issued by the
API is a validation failure naming ``cursor`` (so HTTP answers 422), never an exception that
would reach the database."""

from __future__ import annotations

import base64
import json
from datetime import UTC, datetime
from decimal import Decimal
from uuid import UUID

import pytest

from domain.shared.cursor import decode_keyset, encode_keyset
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import Page, PageRequest, page_in_memory

AT = datetime(2026, 11, 22, 10, 30, tzinfo=UTC)
ID = UUID("01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f")
KINDS = (datetime, UUID, int, str, bool, Decimal)
KEY = (AT, ID, 42, "Priya Śharma", True, Decimal("12.50"))


def forged(payload: object) -> str:
    return base64.urlsafe_b64encode(json.dumps(payload).encode()).decode().rstrip("=")


def test_a_key_round_trips_and_the_cursor_is_opaque_url_safe_text() -> None:
    cursor = encode_keyset("users:code:asc", KEY)
    assert decode_keyset("users:code:asc", cursor, KINDS) == KEY
    assert not cursor.isdigit()
    assert set(cursor) <= set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")


@pytest.mark.parametrize(
    "cursor",
    [
        "39",  # the audit trail's old bare sequence number
        "",
        "not a cursor",
        "%%%",
        "eyJ2Ijox",  # truncated
        forged({"v": 2, "s": "audit", "k": [1]}),  # another version
        forged({"v": 1, "s": "sessions", "k": [1]}),  # another list
        forged({"v": 1, "s": "audit", "k": [1, 2]}),  # another shape
        forged({"v": 1, "s": "audit", "k": ["1"]}),  # a string for an integer
        forged({"v": 1, "s": "audit", "k": [True]}),  # a boolean for an integer
        forged({"v": 1, "s": "audit", "k": [2**63]}),  # past the database's integers
        forged({"v": 1, "s": "audit", "k": [1.5]}),
        forged([1]),
    ],
)
def test_anything_the_api_did_not_issue_names_the_cursor(cursor: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        decode_keyset("audit", cursor, (int,))
    assert [e.field for e in caught.value.errors] == ["cursor"]


@pytest.mark.parametrize(
    ("kind", "raw"),
    [
        (datetime, "2026-11-22T10:30:00"),  # naive
        (datetime, "yesterday"),
        (UUID, "not-a-uuid"),
        (str, "nul\x00byte"),  # PostgreSQL refuses it: it must not get that far
        (Decimal, "NaN"),
        (Decimal, "Infinity"),
        (bool, 1),
    ],
)
def test_a_key_part_of_the_wrong_kind_names_the_cursor(kind: type, raw: object) -> None:
    with pytest.raises(ValidationFailed):
        decode_keyset("x", forged({"v": 1, "s": "x", "k": [raw]}), (kind,))


def test_a_list_in_memory_pages_with_the_same_cursors() -> None:
    names = ["admin", "auditor", "company_admin", "support", "user"]
    seen: list[str] = []
    cursor: str | None = None
    while True:
        page: Page[str] = page_in_memory(
            names, PageRequest(2, cursor), scope="roles", key=lambda n: n
        )
        seen += page.items
        if (cursor := page.next_cursor) is None:
            break
        assert len(page.items) == 2
    assert seen == names
    with pytest.raises(ValidationFailed):
        page_in_memory(names, PageRequest(2, "39"), scope="roles", key=lambda n: n)
