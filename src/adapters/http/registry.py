"""Handler registry: the composition root registers a factory per use-case handler, routers
ask for a handler by type. Adapters never import the composition root."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar, cast

from fastapi import Depends, Request
from fastapi.dependencies.models import Dependant
from fastapi.routing import iter_route_contexts
from starlette.routing import BaseRoute

T = TypeVar("T")

PROVIDED = "provided_kind"  # the attribute naming the kind a provide() dependency resolves


class HandlerRegistry:
    def __init__(self) -> None:
        self._factories: dict[type[Any], Callable[[], Any]] = {}

    def register(self, kind: type[T], factory: Callable[[], T]) -> None:
        self._factories[kind] = factory

    def resolve(self, kind: type[T]) -> T:
        try:
            factory = self._factories[kind]
        except KeyError:
            raise LookupError(f"no handler registered for {kind.__name__}") from None
        return cast(T, factory())

    def kinds(self) -> tuple[type[Any], ...]:
        return tuple(self._factories)


def provide(kind: type[T]) -> Any:
    """``Annotated[SomeHandler, provide(SomeHandler)]`` in a router signature."""

    async def dependency(request: Request) -> T:  # async: no thread-pool hop per request
        registry: HandlerRegistry = request.app.state.handlers
        return registry.resolve(kind)

    dependency.__name__ = f"provide_{kind.__name__}"
    setattr(dependency, PROVIDED, kind)
    return Depends(dependency)


def provided_kinds(routes: Iterable[BaseRoute]) -> Iterator[tuple[str, type[Any]]]:
    """Every ``provide(H)`` of every route, its dependencies' dependencies included, as
    ("GET /path", H)."""
    for context in iter_route_contexts(list(routes)):
        dependant: Dependant | None = getattr(context, "dependant", None)
        if dependant is None:
            continue
        methods = ",".join(sorted(context.methods or {"WS"}))
        label = f"{methods} {context.path_format or context.path}"
        for kind in _walk(dependant):
            yield label, kind


def _walk(dependant: Dependant) -> Iterator[type[Any]]:
    for sub in dependant.dependencies:
        kind = getattr(sub.call, PROVIDED, None)
        if kind is not None:
            yield kind
        yield from _walk(sub)
