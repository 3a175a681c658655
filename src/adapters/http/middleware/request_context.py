"""Outermost middleware: request id in and out, one JSON access-log line, metrics, and a
problem+json 500 (with the request id, no stack trace) for anything unhandled."""

from __future__ import annotations

import logging
import time

from starlette.routing import Mount
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.http.metrics import HttpMetrics
from adapters.http.problem import problem_response
from adapters.http.request_context import (
    REQUEST_ID_HEADER,
    accept_or_new_request_id,
    request_id_var,
    user_id_var,
)
from adapters.http.routes import route_table

access_log = logging.getLogger("meridian.access")
error_log = logging.getLogger("meridian.errors")

UNMATCHED_ROUTE = "<unmatched>"


class RouteTemplates:
    """The full path template (``/api/v1/orders/{order_id}``) of the route that served a
    request, looked up by endpoint in the app's route table: label values stay bounded."""

    def __init__(self) -> None:
        self._by_endpoint: dict[object, str] | None = None

    def _table(self, app: object) -> dict[object, str]:
        if self._by_endpoint is None:
            self._by_endpoint = {}
            for route in route_table(list(getattr(app, "routes", ()))):
                self._by_endpoint.setdefault(route.endpoint, route.path)
        return self._by_endpoint

    def of(self, scope: Scope) -> str:
        route = scope.get("route")
        if isinstance(route, Mount):
            return f"{route.path}/{{path}}"
        endpoint = scope.get("endpoint")
        if endpoint is None:
            return UNMATCHED_ROUTE
        return self._table(scope.get("app")).get(endpoint, getattr(route, "path", UNMATCHED_ROUTE))


class RequestContextMiddleware:
    def __init__(self, app: ASGIApp, metrics: HttpMetrics) -> None:
        self.app = app
        self.metrics = metrics
        self.routes = RouteTemplates()

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        headers = dict(scope.get("headers") or [])
        incoming = headers.get(REQUEST_ID_HEADER.lower().encode())
        request_id = accept_or_new_request_id(incoming.decode("latin-1") if incoming else None)
        scope.setdefault("state", {})["request_id"] = request_id
        id_token = request_id_var.set(request_id)
        user_token = user_id_var.set(None)
        started = time.perf_counter()
        status = 500
        response_started = False

        async def send_with_id(message: Message) -> None:
            nonlocal status, response_started
            if message["type"] == "http.response.start":
                response_started = True
                status = message["status"]
                message.setdefault("headers", [])
                message["headers"] = [
                    *message["headers"],
                    (REQUEST_ID_HEADER.encode(), request_id.encode()),
                ]
            await send(message)

        try:
            await self.app(scope, receive, send_with_id)
        except Exception:
            error_log.exception("unhandled error", extra={"path": scope.get("path")})
            if response_started:
                raise
            response = problem_response(
                status=500,
                code="internal_error",
                title="Internal server error",
                detail=f"An unexpected error occurred. Quote request id {request_id} to support.",
                instance=scope.get("path", ""),
                request_id=request_id,
            )
            await response(scope, receive, send_with_id)
        finally:
            duration = time.perf_counter() - started
            route = self.routes.of(scope)
            method = scope.get("method", "")
            self.metrics.observe(method=method, route=route, status=status, seconds=duration)
            access_log.info(
                "request",
                extra={
                    "method": method,
                    "route": route,
                    "path": scope.get("path"),
                    "status": status,
                    "duration_ms": round(duration * 1000, 2),
                    "request_id": request_id,
                    "user_id": scope.get("state", {}).get("user_id") or user_id_var.get(),
                    "client_ip": (scope.get("client") or ("", 0))[0],
                },
            )
            request_id_var.reset(id_token)
            user_id_var.reset(user_token)
