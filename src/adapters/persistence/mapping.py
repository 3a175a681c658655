"""Rows ⇄ domain dataclasses, by name: the one mapper every repository uses.

``to_domain(row, Entity, **overrides)`` builds the dataclass from the row's attribute of each
field's name (an ORM object or a Core ``Row``), converted by the field's annotation: an enum
from its value, ``frozenset``/``tuple``/``list``/``dict`` from the stored array or JSON, an
optional as ``None``; a field the row lacks keeps its default. ``row_values(entity, Model)``
gives the column values for ``insert(Model).values(...)`` / ``update(Model).values(...)``: each
column the entity has, an enum as its value, a set as a sorted list, a tuple as a list.

Overrides name only the fields whose names or types differ (a renamed column, a nested value
object, JSON of dataclasses), so an aggregate's mapping lists its exceptions and nothing else.
A field whose type the mapper cannot convert safely (a nested dataclass, a collection of
dataclasses) must be overridden: it fails loudly instead of passing dicts along."""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable, Iterable
from enum import Enum
from functools import cache
from typing import Any, TypeVar, cast

from sqlalchemy import Table
from sqlalchemy import inspect as sa_inspect

T = TypeVar("T")

_SCALARS = (str, int, float, bool, bytes)
_CONTAINERS: dict[Any, Callable[[Any], Any]] = {
    frozenset: frozenset,
    set: set,
    tuple: tuple,
    list: list,
    dict: dict,
}


@dataclasses.dataclass(frozen=True, slots=True)
class _Field:
    name: str
    convert: Callable[[Any], Any]
    required: bool


def _same(value: Any) -> Any:
    return value


def _unsupported(owner: type, name: str, hint: Any) -> Callable[[Any], Any]:
    def refuse(value: Any) -> Any:
        raise TypeError(f"{owner.__name__}.{name}: {hint!r} needs an explicit override")

    return refuse


def _plain(hint: Any) -> bool:
    """A type whose stored value is the value itself (or an enum built from it)."""
    while hasattr(hint, "__supertype__"):  # NewType
        hint = hint.__supertype__
    origin = typing.get_origin(hint)
    if hint is Any or origin is typing.Literal:
        return True
    if origin in _CONTAINERS:
        return all(_plain(a) for a in typing.get_args(hint) if a is not Ellipsis)
    if not isinstance(hint, type):
        return False
    return not dataclasses.is_dataclass(hint)


def _converter(owner: type, name: str, hint: Any) -> Callable[[Any], Any]:
    origin = typing.get_origin(hint)
    if origin in (typing.Union, types.UnionType):
        options = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(options) != 1:
            return _same if all(_plain(a) for a in options) else _unsupported(owner, name, hint)
        inner = _converter(owner, name, options[0])
        return lambda value: None if value is None else inner(value)
    if origin in _CONTAINERS:
        args = [a for a in typing.get_args(hint) if a is not Ellipsis]
        if not all(_plain(a) for a in args):
            return _unsupported(owner, name, hint)
        return _CONTAINERS[origin]
    if hint in _CONTAINERS:
        return _CONTAINERS[hint]
    if isinstance(hint, type) and issubclass(hint, Enum):
        return hint
    return _same if _plain(hint) else _unsupported(owner, name, hint)


@cache
def _plan(cls: Any) -> tuple[_Field, ...]:
    hints = typing.get_type_hints(cls)
    return tuple(
        _Field(
            f.name,
            _converter(cls, f.name, hints[f.name]),
            f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING,
        )
        for f in dataclasses.fields(cls)
        if f.init
    )


def to_domain(row: Any, cls: type[T], /, **overrides: Any) -> T:
    """``cls`` from ``row`` by field name; ``overrides`` give the fields that differ."""
    plan = _plan(cast(Any, cls))
    unknown = set(overrides) - {f.name for f in plan}
    if unknown:
        raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for f in plan:
        if f.name in overrides:
            values[f.name] = overrides[f.name]
            continue
        try:
            stored = getattr(row, f.name)
        except AttributeError:
            if f.required:
                raise TypeError(f"{cls.__name__}.{f.name}: the row has no such column") from None
            continue
        values[f.name] = f.convert(stored)
    return cls(**values)


@cache
def _columns(model: Any) -> tuple[str, ...]:
    if isinstance(model, Table):
        return tuple(model.c.keys())
    return tuple(attr.key for attr in sa_inspect(model).column_attrs)


def _column_value(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, frozenset | set):
        return sorted(value)
    if isinstance(value, tuple):
        return list(value)
    return value


def row_values(
    entity: Any, model: Any, /, *, only: Iterable[str] | None = None, **overrides: Any
) -> dict[str, Any]:
    """Column values of ``entity`` for ``model`` (a mapped class or a ``Table``): every
    column the entity has by name, or just the columns in ``only`` (what a save may change);
    ``overrides`` give the columns that differ."""
    columns = _columns(model)
    wanted = columns if only is None else tuple(only)
    unknown = (set(overrides) | set(wanted)) - set(columns)
    if unknown:
        raise TypeError(f"{model!r} has no column {', '.join(sorted(unknown))}")
    values: dict[str, Any] = {}
    for key in wanted:
        if key in overrides:
            values[key] = overrides[key]
        elif only is not None or hasattr(entity, key):
            values[key] = _column_value(getattr(entity, key))
    return values
