"""A context's contribution to the running app: its routers and its handler factories."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from fastapi import APIRouter

from adapters.http.registry import HandlerRegistry
from infrastructure.container import Container

API_PREFIX = "/api/v1"


@dataclass(frozen=True, slots=True)
class Mounted:
    router: APIRouter
    prefix: str = API_PREFIX


@dataclass(frozen=True, slots=True)
class ContextModule:
    name: str
    register: Callable[[HandlerRegistry, Container], None]
    routers: Sequence[Mounted] = field(default_factory=tuple)
