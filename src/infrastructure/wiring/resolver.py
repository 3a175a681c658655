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
from collections.abc import Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from infrastructure.wiring.hints import (
    Name,
    Param,
    factory_of,
    hint_label,
    label,
    normal,
    optional_of,
    parameters,
)
from infrastructure.wiring.providers import Key, Provider, Scope, WiringError

__all__ = ["Bound", "Wiring", "WiringError"]


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
        self._roots = frozenset(normal(r) for r in roots)
        self._types: dict[Key, tuple[Provider, Scope]] = {}
        self._names: dict[Name, tuple[Provider, Scope]] = {}
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
                name = Name(scope.name, provided.key)
                if name in self._names:
                    raise WiringError(f"{scope.name} provides a value '{provided.key}' twice")
                self._names[name] = (provided, scope)
                continue
            key = normal(provided.key)
            if key in self._types or key in self._roots:
                other = self._types[key][1].name if key in self._types else "the kernel"
                raise WiringError(
                    f"{hint_label(provided.key)} is provided by both {other} and {scope.name}"
                )
            self._types[key] = (provided, scope)
        for kind in scope.handlers:
            if kind in self._listed:
                raise WiringError(
                    f"{label(kind)} is listed by both {self._listed[kind].name} and {scope.name}"
                )
            self._listed[kind] = scope

    def _source_of_kind(self, kind: Any) -> _Source:
        source = self._by_type(kind)
        assert source is not None  # every listed kind is planned as a class at least
        return source

    def _source_of_provider(self, provided: Provider, scope: Scope) -> _Source:
        plan = self._provider_plan(provided, scope)
        return _Fresh(plan) if provided.per_use else _Once(normal(provided.key))

    def _provider_plan(self, provided: Provider, scope: Scope) -> _Plan:
        key = Name(scope.name, provided.key) if isinstance(provided.key, str) else provided.key
        plan = self._plan(provided.build, scope, id_=normal(key), label=label(provided.key))
        if not provided.per_use:
            for name, source in plan.arguments:
                if isinstance(source, _Fresh):
                    raise WiringError(
                        f"{hint_label(provided.key)} ({scope.name}) is built once, so it cannot"
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
            for param in parameters(target):
                source = self._resolve(param, scope)
                if source is not None:
                    plan.arguments.append((param.name, source))
        except WiringError as error:
            raise WiringError(f"cannot build {label}: {error}") from None
        finally:
            self._planning.pop()
        self._plans[id_] = plan
        return plan

    def _resolve(self, param: Param, scope: Scope) -> _Source | None:
        hint = param.hint
        if hint is not inspect.Parameter.empty:
            for candidate in (hint, optional_of(hint)):
                if candidate is None:
                    continue
                source = self._by_type(candidate)
                if source is not None:
                    return source
                made = factory_of(candidate)
                if made is not None and (inner := self._by_type(made)) is not None:
                    return _FactoryOf(inner)
        if Name(scope.name, param.name) in self._names:
            return _Once(Name(scope.name, param.name))
        if param.has_default:
            return None
        raise WiringError(
            f"parameter {param.name}: {hint_label(hint)} has no provider (no context provides"
            f" {hint_label(hint)}, and {scope.name} has no value named '{param.name}')"
        )

    def _by_type(self, hint: Any) -> _Source | None:
        key = normal(hint)
        if key in self._roots:
            return _Once(key)
        if key in self._types:
            provided, scope = self._types[key]
            return self._source_of_provider(provided, scope)
        if isinstance(hint, type) and hint in self._listed:
            plan = self._plan(hint, self._listed[hint], id_=("class", hint), label=label(hint))
            return _Fresh(plan)
        return None

    def bind(self, roots: Mapping[Key, object]) -> Bound:
        """Every ``once`` collaborator built (now, so a failing one fails start-up)."""
        given = {normal(k): v for k, v in roots.items()}
        missing = self._roots - set(given)
        if missing:
            raise WiringError(f"bind needs {', '.join(map(hint_label, missing))}")
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
