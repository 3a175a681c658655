"""The one cursor format: opaque, versioned keyset positions.

A cursor is the base64url (unpadded) of a small JSON payload, ``{"v": 1, "s": scope, "k": key}``:
the format version, the list (and order) it belongs to, and the sort key of the last item the
page showed. Clients pass it back unchanged; anything else (garbage, a cursor of another list or
order, a key of the wrong shape) fails with ``invalid_field("cursor", ...)``, a validation
failure naming the cursor field (the HTTP error handler adds where the request carried it).
"""

from __future__ import annotations

import base64
import binascii
import json
from collections.abc import Sequence
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Final
from uuid import UUID

from domain.shared.errors import invalid_field

VERSION: Final = 1
NOT_OURS: Final = "not a cursor this API issued for this list"
BIGINT: Final = 2**63  # the database's integers: a bigger one would fail there, not here

KeyValue = bool | datetime | date | UUID | int | str | Decimal


def _text(value: KeyValue) -> str | int | bool:
    if isinstance(value, datetime):
        if value.tzinfo is None:
            raise ValueError("a cursor time must be aware")
        return value.isoformat()
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, int):  # bool too
        return value
    if isinstance(value, UUID | Decimal | str):
        return str(value)
    raise TypeError(f"cannot put {type(value).__name__} in a cursor")


def _parse(raw: object, kind: type) -> KeyValue:
    if kind is bool:
        if not isinstance(raw, bool):
            raise ValueError("not a boolean")
        return raw
    if kind is int:
        if type(raw) is not int or not -BIGINT <= raw < BIGINT:
            raise ValueError("not a 64-bit integer")
        return raw
    if not isinstance(raw, str) or "\x00" in raw:
        raise ValueError("not a string")
    if kind is datetime:
        moment = datetime.fromisoformat(raw)
        if moment.tzinfo is None:
            raise ValueError("naive cursor time")
        return moment
    if kind is date:
        return date.fromisoformat(raw)
    if kind is UUID:
        return UUID(raw)
    if kind is Decimal:
        number = Decimal(raw)
        if not number.is_finite():
            raise ValueError("not a finite number")
        return number
    return raw


def encode_keyset(scope: str, key: Sequence[KeyValue]) -> str:
    payload = {"v": VERSION, "s": scope, "k": [_text(v) for v in key]}
    raw = json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()
    return base64.urlsafe_b64encode(raw).decode().rstrip("=")


def decode_keyset(scope: str, cursor: str, kinds: Sequence[type]) -> tuple[KeyValue, ...]:
    """The key a cursor of ``scope`` holds, each part parsed as its kind; 422 otherwise."""
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        payload = json.loads(
            base64.b64decode(padded.encode("ascii"), altchars=b"-_", validate=True)
        )
        if not isinstance(payload, dict) or payload.get("v") != VERSION:
            raise ValueError("unknown cursor version")
        key = payload.get("k")
        if payload.get("s") != scope or not isinstance(key, list) or len(key) != len(kinds):
            raise ValueError("a cursor of another list")
        return tuple(_parse(raw, kind) for raw, kind in zip(key, kinds, strict=True))
    except (ValueError, TypeError, binascii.Error, UnicodeError, InvalidOperation):
        raise invalid_field("cursor", NOT_OURS) from None
