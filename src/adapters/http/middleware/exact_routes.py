"""An index of exact ``(method, path)`` → route in front of FastAPI's route list.

FastAPI (0.165) tries the routes in order, through one node per included router, and matches
the winning router twice (once to find it, once to hand it the request): ``GET /api/v1/users/me``
cost 37 route checks and a third of the request's CPU. Most requests name a path without
parameters, so the router's own answer for each such ``(method, path)`` is worked out once,
by asking the router itself on a probe request, and remembered; a request whose method and
path are a key goes straight to that route, set up exactly as the router sets it up (the
scope's ``route``, ``endpoint``, ``path_params``, the included router, the route's effective
context and form limits).

Everything else goes to the router unchanged: paths with parameters, a method the path does
not answer (the router's 405, whose ``Allow`` header ``errors.py`` fills in), unknown paths
(404), trailing-slash redirects, mounts, WebSockets, a request under a ``root_path``. Only a
path the router answers with a full match of a FastAPI route is indexed, and it is the route
the router would have picked (an earlier route with parameters that matches the same path
wins there too). A route added to the app after the index was built rebuilds it.

This leans on FastAPI's routing internals (its included-router nodes and scope keys); the
test ``tests/api/test_exact_routes.py`` checks, for every indexed key, that the index picks
the router's route, so a FastAPI upgrade that changes them fails there, not in production."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from fastapi.routing import APIRoute, APIRouter
from starlette.routing import BaseRoute, Match

try:  # FastAPI's private routing internals (0.165): without them the router answers alone
    from fastapi.routing import (
        _FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY,
        _FASTAPI_INCLUDED_ROUTER_KEY,
        _FASTAPI_SCOPE_KEY,
        _apply_router_form_limits,
        _EffectiveRouteContext,
        _IncludedRouter,
        iter_route_contexts,
    )
    from fastapi.telemetry._api import _route_selected

    INTERNALS_FOUND = True
except ImportError:  # pragma: no cover - only on a FastAPI that renamed them
    INTERNALS_FOUND = False
from starlette.types import Receive, Scope, Send


@dataclass(frozen=True, slots=True)
class ExactHit:
    """What the router does for one ``(method, path)``: the included routers it goes through
    (outermost first) and the route it hands the request to."""

    route: APIRoute
    included: tuple[Any, ...]  # _IncludedRouter nodes
    context: Any  # the route's _EffectiveRouteContext under ``included[-1]``; None at top
    form_limits: tuple[Any, ...]  # the non-empty form limits applied on the way, in order

    async def __call__(self, router: APIRouter, scope: Scope, receive: Receive, send: Send) -> None:
        for limits in self.form_limits:
            _apply_router_form_limits(scope, limits)
        if "router" not in scope:
            scope["router"] = router
        fastapi_scope = scope.setdefault(_FASTAPI_SCOPE_KEY, {})
        context = self.context
        if self.included:
            fastapi_scope[_FASTAPI_INCLUDED_ROUTER_KEY] = self.included[-1]
        scope["endpoint"] = self.route.endpoint if context is None else context.endpoint
        scope["path_params"] = dict(scope.get("path_params", {}))
        scope["route"] = self.route
        if context is None:
            _route_selected(scope=scope, path=self.route.path_format)
            await self.route.handle(scope, receive, send)
            return
        _route_selected(scope=scope, path=context.path_format)
        fastapi_scope[_FASTAPI_EFFECTIVE_ROUTE_CONTEXT_KEY] = context
        await context.app(scope, receive, send)


def _probe(method: str, path: str) -> dict[str, Any]:
    return {
        "type": "http",
        "method": method,
        "path": path,
        "root_path": "",
        "path_params": {},
        "headers": [],
        "query_string": b"",
    }


def resolve(router: APIRouter, method: str, path: str) -> ExactHit | None:
    """The router's own answer for ``method path``, when it is a full match of a FastAPI
    route (None otherwise: that request is left to the router)."""
    probe = _probe(method, path)
    top: BaseRoute | None = None
    for route in router.routes:
        match, _ = route.matches(probe)
        if match is Match.FULL:
            top = route
            break
    if isinstance(top, APIRoute):
        if top.param_convertors:
            return None
        own = (router.form_limits,) if router.form_limits else ()
        return ExactHit(top, (), None, own)
    if not isinstance(top, _IncludedRouter):
        return None
    included = [top]
    node = top
    while True:
        match, _, chosen, context = node._match(probe)
        if match is not Match.FULL:
            return None
        if isinstance(chosen, _IncludedRouter):
            included.append(chosen)
            node = chosen
            continue
        break
    if (
        not isinstance(context, _EffectiveRouteContext)
        or not isinstance(chosen, APIRoute)
        or context.original_route is not chosen
        or context.param_convertors
        or context.app is None
    ):
        return None
    limits: tuple[Any, ...] = (
        router.form_limits,
        *(n.include_context.form_limits for n in included),
    )
    return ExactHit(chosen, tuple(included), context, tuple(x for x in limits if x))


def build_index(router: APIRouter) -> dict[tuple[str, str], ExactHit]:
    index: dict[tuple[str, str], ExactHit] = {}
    for context in iter_route_contexts(router.routes):
        path = context.path_format or context.path
        methods = context.methods
        if not path or "{" in path or not methods:
            continue
        for method in methods:
            if (method, path) in index:
                continue
            hit = resolve(router, method, path)
            if hit is not None:
                index[(method, path)] = hit
    return index


class ExactRoutes:
    """Installed as the app router's ``middleware_stack``: the index first, the router's own
    matching for everything it does not hold."""

    def __init__(self, router: APIRouter) -> None:
        self.router = router
        self._index: dict[tuple[str, str], ExactHit] | None = None
        self._built_at: tuple[int, int] = (-1, -1)

    def index(self) -> dict[tuple[str, str], ExactHit]:
        router = self.router
        version = (router._routes_version, len(router.routes))
        if self._index is None or version != self._built_at:
            self._index = build_index(router)
            self._built_at = version
        return self._index

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and not scope.get("root_path"):
            hit = self.index().get((scope["method"], scope["path"]))
            if hit is not None:
                await hit(self.router, scope, receive, send)
                return
        await self.router.app(scope, receive, send)


def install_exact_routes(router: APIRouter) -> None:
    """Put the index in front of ``router`` (when it has no router-level middleware of its own,
    which the index would bypass; then the router stays as it is), if this FastAPI still has
    the internals the index sets up routes with."""
    if INTERNALS_FOUND and router.middleware_stack == router.app:
        router.middleware_stack = ExactRoutes(router)
