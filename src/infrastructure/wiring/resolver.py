"""Builds handlers from their constructors: each parameter is resolved from the collaborators the
contexts provide, by TYPE first, then by NAME (plain values such as ``threshold: float``), then
the parameter's default. Plans are computed once, when the wiring is made (so a handler that
cannot be built fails start-up, naming it and the parameter); ``bind`` builds every collaborator
that lives once, and each resolve then only runs a precomputed plan.

Lifetimes: a ``once`` collaborator is built once per bind; a ``per_use`` one (a unit of work) is
built afresh for every object that asks for it, and so is every handler. A ``once`` collaborator
may not take a per-use one (it would share one unit of work across requests); it takes a
``Callable[[], T]`` factory instead, which the resolver hands out for any resolvable ``T``."""

from __future__ import annotations

import inspect
import types
import typing
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
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


# --- parameters of a constructor, read once per class ------------------------------------


@dataclass(frozen=True, slots=True)
class _Param:
    name: str
    hint: Any  # inspect.Parameter.empty when unannotated
    has_default: bool


@cache
def _parameters(target: Callable[..., Any]) -> tuple[_Param, ...]:
    function = target.__init__ if isinstance(target, type) else target  # type: ignore[misc]
    if function is object.__init__:
        return ()
    try:
        hints = typing.get_type_hints(function)
    except Exception as error:  # a hint naming something not importable at run time
        raise WiringError(f"cannot read the type hints of {_label(target)}: {error}") from None
    parameters = list(inspect.signature(function).parameters.values())
    if isinstance(target, type):
        parameters = parameters[1:]  # self
    found: list[_Param] = []
    for p in parameters:
        if p.kind in (p.VAR_POSITIONAL, p.VAR_KEYWORD):
            continue
        if p.kind is p.POSITIONAL_ONLY:
            raise WiringError(f"{_label(target)}: positional-only parameter {p.name}")
        found.append(_Param(p.name, hints.get(p.name, p.empty), p.default is not p.empty))
    return tuple(found)


@dataclass(frozen=True, slots=True)
class _Generic:
    origin: Any
    args: tuple[Any, ...]


@dataclass(frozen=True, slots=True)
class _Name:
    scope: str
    name: str


def _normal(hint: Any) -> Any:
    """A hashable key equal for ``typing.Callable[[], X]`` and ``collections.abc`` spellings."""
    if isinstance(hint, list):
        return tuple(_normal(a) for a in hint)
    origin = typing.get_origin(hint)
    if origin is None:
        return hint
    return _Generic(origin, tuple(_normal(a) for a in typing.get_args(hint)))


def _optional_of(hint: Any) -> Any | None:
    if typing.get_origin(hint) in (typing.Union, types.UnionType):
        rest = [a for a in typing.get_args(hint) if a is not type(None)]
        if len(rest) == 1:
            return rest[0]
    return None


def _factory_of(hint: Any) -> Any | None:
    """``T`` of ``Callable[[], T]``."""
    if typing.get_origin(hint) is Callable:
        arguments, result = typing.get_args(hint)
        if arguments == []:
            return result
    return None


def _label(thing: Any) -> str:
    if isinstance(thing, str):
        return f"'{thing}'"
    return getattr(thing, "__qualname__", None) or repr(thing).replace("typing.", "")


def _hint_label(hint: Any) -> str:
    if hint is inspect.Parameter.empty:
        return "(no type)"
    if isinstance(hint, type) and typing.get_origin(hint) is None:
        return hint.__qualname__
    return repr(hint).replace("typing.", "").replace("collections.abc.", "")


# --- plans ---------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Once:
    key: Key


@dataclass(frozen=True, slots=True)
class _Fresh:
    plan: _Plan


@dataclass(frozen=True, slots=True)
class _FactoryOf:
    source: _Source


_Source = _Once | _Fresh | _FactoryOf


@dataclass(slots=True)
class _Plan:
    target: Callable[..., Any]
    arguments: list[tuple[str, _Source]] = field(default_factory=list)


class Wiring:
    """Every scope's providers and handlers, planned and checked (no instance built yet).
    ``roots`` are the keys ``bind`` supplies ready-made (the container)."""

    def __init__(self, scopes: Sequence[Scope], roots: Collection[Key] = ()) -> None:
        self._roots = frozenset(_normal(r) for r in roots)
        self._types: dict[Key, tuple[Provider, Scope]] = {}
        self._names: dict[_Name, tuple[Provider, Scope]] = {}
        self._listed: dict[Any, Scope] = {}
        for scope in scopes:
            self._collect(scope)
        self._plans: dict[Any, _Plan] = {}
        self._planning: list[Any] = []
        for provided, scope in [*self._types.values(), *self._names.values()]:
            self._provider_plan(provided, scope)
        self.kinds: tuple[Any, ...] = tuple(self._listed)
        self._kind_sources = {kind: self._source_of_kind(kind) for kind in self.kinds}

    def _collect(self, scope: Scope) -> None:
        for provided in scope.providers:
            if isinstance(provided.key, str):
                name = _Name(scope.name, provided.key)
                if name in self._names:
                    raise WiringError(f"{scope.name} provides a value '{provided.key}' twice")
                self._names[name] = (provided, scope)
                continue
            key = _normal(provided.key)
            if key in self._types or key in self._roots:
                other = self._types[key][1].name if key in self._types else "the kernel"
                raise WiringError(
                    f"{_hint_label(provided.key)} is provided by both {other} and {scope.name}"
                )
            self._types[key] = (provided, scope)
        for kind in scope.handlers:
            if kind in self._listed:
                raise WiringError(
                    f"{_label(kind)} is listed by both {self._listed[kind].name} and {scope.name}"
                )
            self._listed[kind] = scope

    def _source_of_kind(self, kind: Any) -> _Source:
        source = self._by_type(kind)
        assert source is not None  # every listed kind is planned as a class at least
        return source

    def _source_of_provider(self, provided: Provider, scope: Scope) -> _Source:
        plan = self._provider_plan(provided, scope)
        return _Fresh(plan) if provided.per_use else _Once(_normal(provided.key))

    def _provider_plan(self, provided: Provider, scope: Scope) -> _Plan:
        key = _Name(scope.name, provided.key) if isinstance(provided.key, str) else provided.key
        plan = self._plan(provided.build, scope, id_=_normal(key), label=_label(provided.key))
        if not provided.per_use:
            for name, source in plan.arguments:
                if isinstance(source, _Fresh):
                    raise WiringError(
                        f"{_hint_label(provided.key)} ({scope.name}) is built once, so it cannot"
                        f" take {name}, which is built per use: take a Callable[[], ...]"
                        " factory of it instead"
                    )
        return plan

    def _plan(self, target: Callable[..., Any], scope: Scope, *, id_: Any, label: str) -> _Plan:
        if id_ in self._plans:
            return self._plans[id_]
        label = f"{label} ({scope.name})"
        if id_ in self._planning:
            raise WiringError(f"{label} needs itself")
        self._planning.append(id_)
        try:
            plan = _Plan(target)
            for param in _parameters(target):
                source = self._resolve(param, scope)
                if source is not None:
                    plan.arguments.append((param.name, source))
        except WiringError as error:
            raise WiringError(f"cannot build {label}: {error}") from None
        finally:
            self._planning.pop()
        self._plans[id_] = plan
        return plan

    def _resolve(self, param: _Param, scope: Scope) -> _Source | None:
        hint = param.hint
        if hint is not inspect.Parameter.empty:
            for candidate in (hint, _optional_of(hint)):
                if candidate is None:
                    continue
                source = self._by_type(candidate)
                if source is not None:
                    return source
                made = _factory_of(candidate)
                if made is not None and (inner := self._by_type(made)) is not None:
                    return _FactoryOf(inner)
        if _Name(scope.name, param.name) in self._names:
            return _Once(_Name(scope.name, param.name))
        if param.has_default:
            return None
        raise WiringError(
            f"parameter {param.name}: {_hint_label(hint)} has no provider (no context provides"
            f" {_hint_label(hint)}, and {scope.name} has no value named '{param.name}')"
        )

    def _by_type(self, hint: Any) -> _Source | None:
        key = _normal(hint)
        if key in self._roots:
            return _Once(key)
        if key in self._types:
            provided, scope = self._types[key]
            return self._source_of_provider(provided, scope)
        if isinstance(hint, type) and hint in self._listed:
            plan = self._plan(hint, self._listed[hint], id_=("class", hint), label=_label(hint))
            return _Fresh(plan)
        return None

    def bind(self, roots: Mapping[Key, object]) -> Bound:
        """Every ``once`` collaborator built (now, so a failing one fails start-up)."""
        given = {_normal(k): v for k, v in roots.items()}
        missing = self._roots - set(given)
        if missing:
            raise WiringError(f"bind needs {', '.join(map(_hint_label, missing))}")
        return Bound(self, given)

    # Used by Bound.
    def once_keys(self) -> list[Key]:
        named = [k for k, (p, _) in self._names.items() if not p.per_use]
        return [k for k, (p, _) in self._types.items() if not p.per_use] + named

    def plan_of(self, key: Key) -> _Plan:
        return self._plans[key]

    def kind_source(self, kind: Any) -> _Source:
        return self._kind_sources[kind]


class Bound:
    """A wiring with its collaborators built: ``factory(kind)`` makes one per call (or hands
    out the one instance of a kind provided ``once``, such as the authenticator)."""

    def __init__(self, wiring: Wiring, roots: dict[Key, object]) -> None:
        self._wiring = wiring
        self._instances: dict[Key, object] = dict(roots)
        for key in wiring.once_keys():
            self._instance(key)

    def _instance(self, key: Key) -> object:
        if key not in self._instances:
            self._instances[key] = self._maker(self._wiring.plan_of(key))()
        return self._instances[key]

    def _getter(self, source: _Source) -> Callable[[], object]:
        if isinstance(source, _Once):
            instance = self._instance(source.key)
            return lambda: instance
        if isinstance(source, _Fresh):
            return self._maker(source.plan)
        factory = self._getter(source.source)
        return lambda: factory

    def _maker(self, plan: _Plan) -> Callable[[], object]:
        target = plan.target
        fixed: dict[str, object] = {}
        fresh: list[tuple[str, Callable[[], object]]] = []
        for name, source in plan.arguments:
            if isinstance(source, _Fresh):
                fresh.append((name, self._maker(source.plan)))
            else:
                fixed[name] = self._getter(source)()

        def make() -> object:
            return target(**fixed, **{name: build() for name, build in fresh})

        return make

    def factory(self, kind: Any) -> Callable[[], Any]:
        return self._getter(self._wiring.kind_source(kind))
