"""A use case's result as JSON and back, for any context: the idempotency store keeps results.

The form is self-describing, so decoding needs no knowledge of the context that produced it:
JSON scalars and lists stand for themselves; every other value is an object with a ``$`` tag:

    {"$": "decimal", "v": "10.50"}        Decimal (its exponent kept: 10.50, not 10.5)
    {"$": "uuid", "v": "..."}             UUID (and the typed ids, which are UUIDs)
    {"$": "datetime", "v": "...+00:00"}   datetime (aware), date: {"$": "date", ...}
    {"$": "tuple", "v": [...]}            tuple, frozenset: {"$": "frozenset", ...}
    {"$": "map", "v": {"k": ...}}         dict with string keys
    {"$": "enum", "t": "mod:Name", "v": "pending"}
    {"$": "dataclass", "t": "mod:Name", "v": {"field": ...}}

Enums and dataclasses are looked up by module and name, only inside ``domain``: a result is a
domain value, and nothing stored can make the decoder import anything else. A value of any
other type is refused when it is stored, so a use case returning one fails its first test.
"""

from __future__ import annotations

import dataclasses
import importlib
from collections.abc import Callable
from datetime import date, datetime
from decimal import Decimal
from enum import Enum
from typing import Any, Final
from uuid import UUID

DOMAIN: Final = "domain"


def _name(kind: type) -> str:
    if not kind.__module__.startswith(f"{DOMAIN}."):
        raise TypeError(f"{kind.__module__}.{kind.__qualname__} is not a domain type")
    return f"{kind.__module__}:{kind.__qualname__}"


def _type(name: str) -> Any:
    module, _, qualname = name.partition(":")
    if not module.startswith(f"{DOMAIN}."):
        raise ValueError(f"{module} is not a domain module")
    found: Any = importlib.import_module(module)
    for part in qualname.split("."):
        found = getattr(found, part)
    return found


def encode(value: Any) -> Any:
    if isinstance(value, Enum):  # before str: a StrEnum is a str
        return {"$": "enum", "t": _name(type(value)), "v": value.value}
    if value is None or isinstance(value, (bool, int, float, str)):
        return value
    if isinstance(value, Decimal):
        return {"$": "decimal", "v": str(value)}
    if isinstance(value, UUID):
        return {"$": "uuid", "v": str(value)}
    if isinstance(value, datetime):
        return {"$": "datetime", "v": value.isoformat()}
    if isinstance(value, date):
        return {"$": "date", "v": value.isoformat()}
    if isinstance(value, list):
        return [encode(item) for item in value]
    if isinstance(value, tuple):
        return {"$": "tuple", "v": [encode(item) for item in value]}
    if isinstance(value, frozenset):
        return {"$": "frozenset", "v": [encode(item) for item in value]}
    if isinstance(value, dict):
        if not all(isinstance(key, str) for key in value):
            raise TypeError("only string keys can be stored")
        return {"$": "map", "v": {key: encode(item) for key, item in value.items()}}
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        fields = {f.name: encode(getattr(value, f.name)) for f in dataclasses.fields(value)}
        return {"$": "dataclass", "t": _name(type(value)), "v": fields}
    raise TypeError(f"a {type(value).__qualname__} cannot be stored as a result")


_SCALARS: Final[dict[str, Callable[[str], Any]]] = {
    "decimal": Decimal,
    "uuid": UUID,
    "datetime": datetime.fromisoformat,
    "date": date.fromisoformat,
}


def decode(data: Any) -> Any:
    if isinstance(data, list):
        return [decode(item) for item in data]
    if not isinstance(data, dict):
        return data
    tag, raw = data["$"], data["v"]
    if tag in _SCALARS:
        return _SCALARS[tag](raw)
    if tag == "tuple":
        return tuple(decode(item) for item in raw)
    if tag == "frozenset":
        return frozenset(decode(item) for item in raw)
    if tag == "map":
        return {key: decode(item) for key, item in raw.items()}
    if tag == "enum":
        return _type(data["t"])(raw)
    if tag == "dataclass":
        kind = _type(data["t"])
        values = {name: decode(item) for name, item in raw.items()}
        fields = dataclasses.fields(kind)
        made = kind(**{f.name: values[f.name] for f in fields if f.init})
        for f in fields:
            if not f.init:
                object.__setattr__(made, f.name, values[f.name])
        return made
    raise ValueError(f"unknown stored tag {tag!r}")
