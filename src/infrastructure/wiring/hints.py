"""A constructor's parameters and type hints, read once per class, and the keys the resolver
matches them by."""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable
from dataclasses import dataclass
from functools import cache
from typing import Any

from infrastructure.wiring.providers import WiringError


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    hint: Any  # inspect.Parameter.empty when unannotated
    has_default: bool


@cache
def parameters(target: Callable[..., Any]) -> tuple[Param, ...]:
    function = target.__init__ if isinstance(target, type) else target  # type: ignore[misc]
    if function is object.__init__:
        return ()
    try:
        hints = typing.get_type_hints(function)
    except Exception as error:  # a hint naming something not importable at run time
        raise WiringError(f"cannot read the type hints of {label(target)}: {error}") from None
    params = list(inspect.signature(function).parameters.values())
    if isinstance(target, type):
        params = params[1:]  # self
    found: list[Param] = []
    for p in params:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.kind is p.POSITIONAL_ONLY:
            raise WiringError(f"{label(target)}: positional-only parameter {p.name}")
        found.append(Param(p.name, hints.get(p.name, p.empty), p.default is not p.empty))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class Generic:
    origin: Any
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class Name:
    scope: str
    name: str


def normal(hint: Any) -> Any:
    """A hashable key equal for ``typing.Callable[[], X]`` and ``collections.abc`` spellings."""
    if isinstance(hint, list):
        return tuple(normal(a) for a in hint)
    origin = typing.get_origin(hint)
    if origin is None:
        return hint
    return Generic(origin, tuple(normal(a) for a in typing.get_args(hint)))


def optional_of(hint: Any) -> Any | None:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return None


def factory_of(hint: Any) -> Any | None:
    """``T`` of ``Callable[[], T]``."""
    if typing.get_origin(hint) is Callable:
        arguments, result = typing.get_args(hint)
        if arguments == []:
            return result
    return None


def label(thing: Any) -> str:
    if isinstance(thing, str):
        return f"'{thing}'"
    return getattr(thing, "__qualname__", None) or repr(thing).replace("typing.", "")


def hint_label(hint: Any) -> str:
    if hint is inspect.Parameter.empty:
        return "(no type)"
    if isinstance(hint, type) and typing.get_origin(hint) is None:
        return hint.__qualname__
    return repr(hint).replace("typing.", "").replace("collections.abc.", "")
