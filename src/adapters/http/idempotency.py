"""``Idempotency-Key`` for money-moving POSTs, shared by every context's routers.

    @router.post("/withdrawals", status_code=201, response_model=WithdrawalRead,
                 responses={**IDEMPOTENCY_ERRORS, **errors(...)})
    @access(AUTHENTICATED)
    async def create_withdrawal(body: WithdrawalCreate, actor: CurrentActor, key: IdempotencyHeader,
                                handler: ...) -> JSONResponse:
        outcome = await handler.execute(CreateWithdrawal(..., idempotency=key))
        return respond(outcome, WITHDRAWAL)  # WITHDRAWAL = Answer(201, to_json_of_a_withdrawal)

The key is required: a request without it answers 400 ``idempotency_key_required`` (before
the body is validated), and ``declare_required`` marks the header required in the OpenAPI
document with its format. The dependency reads the header and fingerprints the request
(sha256 of method, path, query and the canonical JSON body); the use case stores its result
with its effect in one transaction (``usecases.shared.idempotency``); ``respond`` renders the
fresh or the stored result with the route's ``Answer`` (the same status and body each time), a
replay with ``Idempotent-Replayed: true``."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Final, Generic, TypeVar

from fastapi import Depends, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import BaseRoute

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.policy import policy_of
from domain.shared.actor import Actor
from domain.shared.errors import DomainError, PermissionDenied, invalid_field
from usecases.shared.idempotency import (
    IdempotencyKey,
    IdempotencyKeyReused,
    IdempotencyRequestInProgress,
    Idempotent,
)

T = TypeVar("T")
HEADER: Final = "Idempotency-Key"
REPLAYED_HEADER: Final = "Idempotent-Replayed"
PATTERN: Final = "^[!-~]{1,255}$"  # 1 to 255 visible ASCII characters
_KEY = re.compile(PATTERN)
DESCRIPTION: Final = (
    "Required. A unique value per operation (a UUID; 1 to 255 visible ASCII characters): "
    "retrying with the same key replays the first response instead of doing it again. "
    "Kept at least 24 hours."
)


class IdempotencyKeyRequired(DomainError):
    """A money-moving POST without ``Idempotency-Key`` (400): a retry could move money twice."""

    code = "idempotency_key_required"
    title = "Idempotency-Key header required"


IDEMPOTENCY_ERRORS: Final = errors(
    IdempotencyKeyRequired, IdempotencyKeyReused, IdempotencyRequestInProgress
)


def _canonical(body: bytes) -> bytes:
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        return body


def _refuse_undeclared_caller(request: Request, actor: Actor) -> None:
    """A caller without the route's declared permission hears 403, as without this header,
    rather than being told to add a key to a request it may not make."""
    route = request.scope.get("route")
    policy = policy_of(route.endpoint, route.name) if isinstance(route, APIRoute) else None
    needed = policy.permission if policy is not None and policy.kind == "permission" else None
    if needed is not None and not actor.may(needed):
        raise PermissionDenied(f"this needs the {needed} permission")


def _key_of(request: Request, actor: Actor) -> str:
    _refuse_undeclared_caller(request, actor)
    key = request.headers.get(HEADER)
    if key is None:
        raise IdempotencyKeyRequired(
            f"this request moves money: send an {HEADER} header (a new UUID per operation, "
            "the same one when you retry it)"
        )
    if not _KEY.fullmatch(key):
        raise invalid_field(
            f"header.{HEADER}",
            "1 to 255 visible ASCII characters",
            code="invalid_idempotency_key",
        )
    return key


def _request_digest(request: Request) -> hashlib._Hash:
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), request.url.query.encode()):
        digest.update(part + b"\n")
    return digest


async def idempotency_key(request: Request, actor: CurrentActor) -> IdempotencyKey:
    """Read from the request, not declared as a FastAPI header (a missing one would be a
    generic 422); ``declare_required`` puts it into the OpenAPI document as required."""
    key = _key_of(request, actor)
    digest = _request_digest(request)
    digest.update(_canonical(await request.body()))
    return IdempotencyKey(key, digest.hexdigest())


async def upload_idempotency_key(request: Request, actor: CurrentActor) -> IdempotencyKey:
    """The key of a file upload: the body is a multipart stream the form reads (and whose
    boundary differs on every retry), so the fingerprint here covers the method and path
    only; the use case fingerprints the uploaded content itself (the OCF import: the sha256
    of the package)."""
    key = _key_of(request, actor)
    return IdempotencyKey(key, _request_digest(request).hexdigest())


def _requires_key(route: BaseRoute) -> bool:
    if not isinstance(route, APIRoute) or not route.include_in_schema:
        return False
    return any(
        d.call is idempotency_key or d.call is upload_idempotency_key
        for d in route.dependant.dependencies
    )


@dataclass(frozen=True, slots=True)
class Answer(Generic[T]):
    """How a route answers with a use case's result: its status and its JSON body."""

    status: int
    body: Callable[[T], Any]


def declare_required(routes: list[BaseRoute], paths: dict[str, Any]) -> None:
    """Every operation whose endpoint takes ``IdempotencyHeader`` lists the header as a
    required parameter with its format, so generated clients send it."""
    parameter = {
        "name": HEADER,
        "in": "header",
        "required": True,
        "description": DESCRIPTION,
        "schema": {"type": "string", "minLength": 1, "maxLength": 255, "pattern": PATTERN},
        "example": "5f0c6f3e-2b7a-4d1e-9a63-0c1f0f7f4c2a",
    }
    for context in iter_route_contexts(routes):
        if not _requires_key(context.original_route) or context.path_format is None:
            continue
        for method in context.methods or ():
            operation = paths.get(context.path_format, {}).get(method.lower())
            if operation is not None:
                params = [p for p in operation.get("parameters", []) if p.get("name") != HEADER]
                operation["parameters"] = [*params, parameter]


IdempotencyHeader = Annotated[IdempotencyKey, Depends(idempotency_key)]
# For a multipart upload: the use case adds the content's fingerprint (see above).
UploadIdempotencyHeader = Annotated[IdempotencyKey, Depends(upload_idempotency_key)]


def respond(outcome: Idempotent[T], answer: Answer[T]) -> JSONResponse:
    headers = {REPLAYED_HEADER: "true"} if outcome.replayed else None
    if outcome.value is None:  # a record from before results were stored: its answer as sent
        return JSONResponse(outcome.earlier_answer, status_code=answer.status, headers=headers)
    return JSONResponse(answer.body(outcome.value), status_code=answer.status, headers=headers)
