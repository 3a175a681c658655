"""A context's contribution to the running app: the handlers its routers ask for, the
collaborators it provides (written once: its unit of work, its config, its ports), its routers,
and the larger body limits of its upload routes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from fastapi import APIRouter

from adapters.http.middleware.body_limit import RouteBodyLimit
from infrastructure.config.settings import Settings
from infrastructure.wiring.providers import Provider, Scope

API_PREFIX = "/api/v1"


@dataclass(frozen=True, slots=True)
class Mounted:
    router: APIRouter
    prefix: str = API_PREFIX


@dataclass(frozen=True, slots=True)
class ContextModule:
    name: str
    # What routers, the CLI and workers resolve; each built from its constructor per resolve.
    handlers: Sequence[Any] = ()
    collaborators: Sequence[Provider] = ()
    routers: Sequence[Mounted] = field(default_factory=tuple)
    # Exact request path → its body limit, for routes that take more than MAX_BODY_BYTES.
    body_limits: Callable[[Settings], Mapping[str, RouteBodyLimit]] | None = None

    def scope(self) -> Scope:
        return Scope(self.name, tuple(self.collaborators), tuple(self.handlers))


def body_limits(modules: Sequence[ContextModule], settings: Settings) -> dict[str, RouteBodyLimit]:
    found: dict[str, RouteBodyLimit] = {}
    for module in modules:
        if module.body_limits is not None:
            found.update(module.body_limits(settings))
    return found
