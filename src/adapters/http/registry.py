"""Handler registry: the composition root registers a factory per use-case handler, routers
ask for a handler by type. Adapters never import the composition root."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar, cast

from fastapi import Depends, Request

T = TypeVar("T")


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


def provide(kind: type[T]) -> Any:
    """``Annotated[SomeHandler, provide(SomeHandler)]`` in a router signature."""

    def dependency(request: Request) -> T:
        registry: HandlerRegistry = request.app.state.handlers
        return registry.resolve(kind)

    dependency.__name__ = f"provide_{kind.__name__}"
    return Depends(dependency)
