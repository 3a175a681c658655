"""One place that turns every failure into problem+json, and declares them in OpenAPI."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any, Final

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.responses import Response

from adapters.http.field_paths import RequestFields
from adapters.http.problem import Problem, problem_response
from adapters.http.request_context import request_id_var
from adapters.http.routes import allowed_methods
from adapters.http.validation_messages import message_of
from domain.shared.errors import (
    Conflict,
    DomainError,
    NotFound,
    PayloadTooLarge,
    PermissionDenied,
    RateLimited,
    RuleViolated,
    Unauthenticated,
    Unavailable,
    ValidationFailed,
)

log = logging.getLogger("meridian.errors")

STATUS_BY_FAMILY: Final[tuple[tuple[type[DomainError], int], ...]] = (
    (NotFound, 404),
    (Conflict, 409),
    (ValidationFailed, 422),
    (RuleViolated, 422),
    (PermissionDenied, 403),
    (Unauthenticated, 401),
    (RateLimited, 429),
    (Unavailable, 503),
    (PayloadTooLarge, 413),
)

HTTP_CODES: Final[dict[int, tuple[str, str]]] = {
    400: ("bad_request", "Bad request"),
    401: ("unauthenticated", "Authentication required"),
    403: ("permission_denied", "Permission denied"),
    404: ("route_not_found", "Not found"),
    405: ("method_not_allowed", "Method not allowed"),
    406: ("not_acceptable", "Not acceptable"),
    413: ("payload_too_large", "Payload too large"),
    415: ("unsupported_media_type", "Unsupported media type"),
    429: ("rate_limited", "Too many requests"),
}


def status_for(error: type[DomainError]) -> int:
    for family, status in STATUS_BY_FAMILY:
        if issubclass(error, family):
            return status
    return 400


def _field_path(loc: Sequence[Any]) -> str:
    return ".".join(str(part) for part in loc)


async def _domain_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, DomainError)
    headers: dict[str, str] = {}
    if isinstance(exc, RateLimited):
        headers["Retry-After"] = str(exc.retry_after_seconds)
    if isinstance(exc, Unauthenticated):
        headers["WWW-Authenticate"] = "Bearer"
    # The core names its own fields; the client is told where it sent them (field_paths.py).
    fields = RequestFields.of(request.scope.get("route"))
    return problem_response(
        status=status_for(type(exc)),
        code=exc.error_code,
        title=exc.title,
        detail=fields.detail(exc.detail, (e.field for e in exc.errors)),
        instance=request.url.path,
        request_id=request_id_var.get(),
        errors=[
            {"field": fields.path(e.field), "message": e.message, "code": e.code}
            for e in exc.errors
        ],
        headers=headers,
    )


async def _validation_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, RequestValidationError)
    raw = list(exc.errors())
    if any(e.get("type") == "json_invalid" for e in raw):
        reason = next(
            (
                str(e.get("ctx", {}).get("error", ""))
                for e in raw
                if e.get("type") == "json_invalid"
            ),
            "",
        )
        return problem_response(
            status=400,
            code="malformed_body",
            title="Malformed request body",
            detail=f"The request body is not valid JSON: {reason}".rstrip(": "),
            instance=request.url.path,
            request_id=request_id_var.get(),
        )
    # every field pydantic refused, each in our words (validation_messages.py); the domain's
    # own field rules ran in the same pass (domain_rules.py), so they are here too
    errors = [
        {"field": _field_path(e["loc"]), "message": message_of(e), "code": str(e["type"])}
        for e in raw
    ]
    detail = "; ".join(f"{e['field']}: {e['message']}" for e in errors) or "Invalid request"
    return problem_response(
        status=422,
        code="validation_failed",
        title="Validation failed",
        detail=detail,
        instance=request.url.path,
        request_id=request_id_var.get(),
        errors=errors,
    )


async def _http_error(request: Request, exc: Exception) -> Response:
    assert isinstance(exc, StarletteHTTPException)
    code, title = HTTP_CODES.get(exc.status_code, ("http_error", "HTTP error"))
    detail = exc.detail if isinstance(exc.detail, str) else title
    if exc.status_code == 404 and detail == "Not Found":
        detail = f"No route matches {request.method} {request.url.path}"
    headers = dict(exc.headers or {})
    if exc.status_code == 405:
        detail = f"{request.method} is not allowed on {request.url.path}"
        allowed = allowed_methods(request.app.routes, request.scope)
        if allowed:  # every method of the path, not only those of the route that matched first
            headers["Allow"] = ", ".join(allowed)
    return problem_response(
        status=exc.status_code,
        code=code,
        title=title,
        detail=detail,
        instance=request.url.path,
        request_id=request_id_var.get(),
        headers=headers,
    )


def install_error_handlers(app: FastAPI) -> None:
    app.add_exception_handler(DomainError, _domain_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)


def errors(*families: type[DomainError]) -> dict[int | str, dict[str, Any]]:
    """Route declaration of the domain errors an endpoint can answer with.

    ``@router.post(..., responses=errors(InsufficientFunds, AccountNotFound))``
    """
    by_status: dict[int, list[type[DomainError]]] = {}
    for family in families:
        by_status.setdefault(status_for(family), []).append(family)
    declared: dict[int | str, dict[str, Any]] = {}
    for status, members in sorted(by_status.items()):
        codes = ", ".join(f"`{m.code}`" for m in members)
        titles = "; ".join(m.title for m in members)
        declared[status] = {"description": f"{titles} (code {codes})", "model": Problem}
    return declared
