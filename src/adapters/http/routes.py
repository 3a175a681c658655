"""The app's effective route table (full paths, with router prefixes and tags applied), and the
methods a request's path answers to (the ``Allow`` header of a 405)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any, Final

from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute, Match
from starlette.types import Scope

METHOD_ORDER: Final = ("GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS")


@dataclass(frozen=True, slots=True)
class RouteInfo:
    path: str
    methods: frozenset[str]
    endpoint: Callable[..., Any]
    tags: tuple[str, ...]
    in_schema: bool


def route_table(routes: list[BaseRoute]) -> Iterator[RouteInfo]:
    for context in iter_route_contexts(routes):
        endpoint = context.endpoint
        path = context.path_format or context.path
        if endpoint is None or path is None:
            continue
        is_api = isinstance(context.original_route, APIRoute)
        yield RouteInfo(
            path=path,
            methods=frozenset(context.methods or ()),
            endpoint=endpoint,
            tags=tuple(str(t) for t in (context.tags if is_api else ()) or ()),
            in_schema=bool(getattr(context, "include_in_schema", False)) and is_api,
        )


def allowed_methods(routes: list[BaseRoute], scope: Scope) -> list[str]:
    """Every method of every route whose path matches the request's, in a fixed order.

    Starlette answers a 405 with the ``Allow`` of the first route whose path matched, and each
    method of a path is a route of its own here, so ``Allow`` would name one of them."""
    methods: set[str] = set()
    probe = {**scope, "path_params": {}}
    for context in iter_route_contexts(routes):
        route_methods = context.methods
        if not route_methods:
            continue
        match, _ = context.matches(probe)
        if match is not Match.NONE:
            methods |= set(route_methods)
    return sorted(methods, key=lambda m: (METHOD_ORDER.index(m) if m in METHOD_ORDER else 99, m))
