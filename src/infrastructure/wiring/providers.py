"""What a context declares: the providers of its collaborators (``once``, ``per_use``,
``named``, ``value``) and the handlers it lists (a ``Scope``). The resolver builds from them."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

Key = Any  # a type, a generic alias such as ``Sequence[X]``, or a name (str)


class WiringError(RuntimeError):
    """The wiring cannot build something; the message names what and which parameter."""


@dataclass(frozen=True, slots=True)
class Provider:
    """How one collaborator is built: ``build`` is a class or function whose own parameters
    are resolved by the same rules. A ``str`` key is a named value of its context."""

    key: Key
    build: Callable[..., Any]
    per_use: bool = False


def once(key: Key, build: Callable[..., Any] | None = None) -> Provider:
    """Built once per container; ``build`` defaults to the key (a class built from its
    constructor)."""
    return Provider(key, build or key)


def per_use(key: Key, build: Callable[..., Any]) -> Provider:
    """Built afresh for every object that asks for it (units of work)."""
    return Provider(key, build, per_use=True)


def named(name: str, build: Callable[..., Any]) -> Provider:
    """A value a parameter of this context gets by its name (``database: HealthProbe``)."""
    return Provider(name, build)


def value(key: Key, instance: object) -> Provider:
    """A ready-made collaborator."""
    return Provider(key, lambda: instance)


@dataclass(frozen=True, slots=True)
class Scope:
    """One context's share of the wiring: what it provides and the handlers it lists."""

    name: str
    providers: Sequence[Provider] = ()
    handlers: Sequence[Any] = ()
