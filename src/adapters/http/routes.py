"""The app's effective route table (full paths, with router prefixes and tags applied)."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute


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
