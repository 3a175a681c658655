"""An event as its row and back: the header in columns (kind, sequence, date, the class and
security it names, for queries), the rest in ``payload`` as plain JSON named like the event's
fields (decimals and dates as strings, securities as objects), so the stored history reads
without this code and survives a rename of a Python class."""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any
from uuid import UUID

from adapters.persistence.captable.models import EventRow
from domain.captable.events import EVENT_TYPES, CapTableEvent, EventKind
from domain.captable.security import Security
from domain.shared.ids import UserId
from domain.shared.money import Money

HEADER = ("id", "issuer_id", "sequence", "date", "recorded_at", "recorded_by")


def _encode(value: Any) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return value.value
    if value is None or isinstance(value, (bool, int, str)):
        return value
    if isinstance(value, (Decimal, UUID)):
        return str(value)
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_encode(v) for v in value]
    if isinstance(value, Money):  # OCF Monetary
        return {"amount": str(value.amount), "currency": value.currency.code}
    if isinstance(value, Security):
        return {f.name: _encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
    raise TypeError(f"cannot store {type(value).__name__} in an event")


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _decode(value: Any, hint: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        (inner,) = (a for a in typing.get_args(hint) if a is not type(None))
        return _decode(value, inner)
    if origin is tuple:
        inner = typing.get_args(hint)[0]
        return tuple(_decode(v, inner) for v in value)
    while hasattr(hint, "__supertype__"):  # NewType: UserId
        hint = hint.__supertype__
    if hint is Security:
        fields = _hints(Security)
        return Security(**{k: _decode(v, fields[k]) for k, v in value.items()})
    if hint is Money:
        return Money.of(value["amount"], value["currency"])
    if hint is date:
        return date.fromisoformat(value)
    if hint is datetime:
        return datetime.fromisoformat(value)
    if isinstance(hint, type) and issubclass(hint, (Decimal, UUID, Enum)):
        return hint(value)
    return value


def _payload_fields(cls: type) -> list[str]:
    return [f.name for f in dataclasses.fields(cls) if f.name not in HEADER]


def event_values(event: CapTableEvent) -> dict[str, Any]:
    """The row of ``event``."""
    return {
        "id": event.id,
        "issuer_id": event.issuer_id,
        "sequence": event.sequence,
        "kind": event.kind.value,
        "date": event.date,
        "stock_class_id": getattr(event, "stock_class_id", None),
        "security_id": getattr(event, "security_id", None),
        "payload": {name: _encode(getattr(event, name)) for name in _payload_fields(type(event))},
        "recorded_at": event.recorded_at,
        "recorded_by": event.recorded_by,
    }


def event_of(row: EventRow) -> CapTableEvent:
    cls = EVENT_TYPES[EventKind(row.kind)]
    hints = _hints(cls)
    payload = {name: _decode(row.payload.get(name), hints[name]) for name in _payload_fields(cls)}
    return cls(
        id=row.id,
        issuer_id=row.issuer_id,
        sequence=row.sequence,
        date=row.date,
        recorded_at=row.recorded_at,
        recorded_by=None if row.recorded_by is None else UserId(row.recorded_by),
        **payload,
    )
