"""Refuse request bodies over the configured size with 413 problem+json, whether the size is
declared in Content-Length or only discovered while streaming.

Upload routes get their own, larger limit (``routes``: exact path → ``RouteBodyLimit``); the
refusal then names the upload field, as the route's own size check does."""

from __future__ import annotations

import contextlib
from collections.abc import Mapping
from dataclasses import dataclass

from starlette.responses import Response
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from adapters.http.problem import problem_response
from adapters.http.request_context import request_id_var


class _BodyTooLarge(Exception):
    pass


@dataclass(frozen=True, slots=True)
class RouteBodyLimit:
    max_bytes: int
    field: str | None = None  # the body field the limit is for (named as ``body.<field>``)


class BodyLimitMiddleware:
    def __init__(
        self,
        app: ASGIApp,
        *,
        max_bytes: int,
        routes: Mapping[str, RouteBodyLimit] | None = None,
    ) -> None:
        self.app = app
        self.default = RouteBodyLimit(max_bytes)
        self.routes = dict(routes or {})

    def _refusal(self, scope: Scope, limit: RouteBodyLimit) -> Response:
        errors = []
        if limit.field is not None:
            message = f"larger than {limit.max_bytes} bytes"
            field = f"body.{limit.field}"  # refused before routing: the body is where it was
            errors.append({"field": field, "message": message, "code": "too_large"})
        return problem_response(
            status=413,
            code="payload_too_large",
            title="Payload too large",
            detail=f"The request body exceeds the limit of {limit.max_bytes} bytes",
            instance=scope.get("path", ""),
            request_id=request_id_var.get(),
            errors=errors,
        )

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        limit = self.routes.get(scope.get("path", ""), self.default)
        for name, value in scope.get("headers") or []:
            if name == b"content-length":
                try:
                    declared = int(value)
                except ValueError:
                    declared = 0
                if declared > limit.max_bytes:
                    await self._refusal(scope, limit)(scope, receive, send)
                    return

        received = 0
        exceeded = False

        async def counting_receive() -> Message:
            nonlocal received, exceeded
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit.max_bytes:
                    exceeded = True
                    raise _BodyTooLarge
            return message

        async def guarded_send(message: Message) -> None:
            # Frameworks turn a failed body read into their own 400; once the limit has been
            # crossed, that answer is replaced by the 413 below.
            if not exceeded:
                await send(message)

        with contextlib.suppress(_BodyTooLarge):
            await self.app(scope, counting_receive, guarded_send)
        if exceeded:
            await self._refusal(scope, limit)(scope, receive, send)
