"""CORS for browser clients, whose refusals are problem+json like every other error.

Starlette's middleware answers a refused preflight (an origin, method or header not allowed)
with a plain-text 400; here the same refusal is ``cors_not_allowed`` problem+json, naming what
was refused. Allowed preflights and actual requests are Starlette's, unchanged."""

from __future__ import annotations

from typing import Final

from starlette.datastructures import Headers
from starlette.middleware.cors import CORSMiddleware
from starlette.types import Receive, Scope, Send

from adapters.http.problem import problem_response
from adapters.http.request_context import request_id_var

# what browser code may read of a response (everything else stays hidden from it)
EXPOSED_HEADERS: Final = (
    "Content-Disposition",
    "Idempotent-Replayed",
    "Location",
    "Retry-After",
    "X-Request-ID",
)


class ProblemCORSMiddleware(CORSMiddleware):
    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] == "http" and scope["method"] == "OPTIONS":
            headers = Headers(scope=scope)
            if "origin" in headers and "access-control-request-method" in headers:
                response = self.preflight_response(request_headers=headers)
                if response.status_code >= 400:
                    refused = bytes(response.body).decode().removeprefix("Disallowed CORS ")
                    response = problem_response(
                        status=response.status_code,
                        code="cors_not_allowed",
                        title="Cross-origin request not allowed",
                        detail=f"This cross-origin request is not allowed: its {refused} "
                        "(see CORS_ORIGINS).",
                        instance=str(scope.get("path", "")),
                        request_id=request_id_var.get(),
                        headers={"Vary": "Origin"},
                    )
                await response(scope, receive, send)
                return
        await super().__call__(scope, receive, send)
