"""``Idempotency-Key`` for money-moving POSTs, shared by every context's routers.

    @router.post("/withdrawals", status_code=201, response_model=WithdrawalRead,
                 responses={**IDEMPOTENCY_ERRORS, **errors(...)})
    @access(AUTHENTICATED)
    async def create_withdrawal(body: WithdrawalCreate, actor: CurrentActor, key: IdempotencyHeader,
                                handler: ...) -> JSONResponse:
        outcome = await handler.execute(CreateWithdrawal(..., idempotency=key))
        return respond(outcome, WITHDRAWAL)  # WITHDRAWAL = Answer(201, to_json_of_a_withdrawal)

The dependency reads the header and fingerprints the request (sha256 of method, path, query
and the canonical JSON body); the use case stores its result with its effect in one transaction
(``usecases.shared.idempotency``); ``respond`` renders the fresh or the stored result with the
route's ``Answer`` (the same status and body each time), a replay with
``Idempotent-Replayed: true``."""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Annotated, Any, Final, Generic, TypeVar

from fastapi import Depends, Header, Request
from fastapi.responses import JSONResponse

from adapters.http.errors import errors
from domain.shared.errors import invalid_field
from usecases.shared.idempotency import (
    IdempotencyKey,
    IdempotencyKeyReused,
    IdempotencyRequestInProgress,
    Idempotent,
)

T = TypeVar("T")
HEADER: Final = "Idempotency-Key"
REPLAYED_HEADER: Final = "Idempotent-Replayed"
_KEY = re.compile(r"^[\x21-\x7e]{1,255}$")
IDEMPOTENCY_ERRORS: Final = errors(IdempotencyKeyReused, IdempotencyRequestInProgress)


def _canonical(body: bytes) -> bytes:
    try:
        return json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        return body


async def idempotency_key(
    request: Request,
    key: Annotated[
        str | None,
        Header(
            alias=HEADER,
            description=(
                "A unique value per operation (a UUID): retrying with the same key replays the "
                "first response instead of doing it again. Kept at least 24 hours."
            ),
        ),
    ] = None,
) -> IdempotencyKey | None:
    if key is None:
        return None
    if not _KEY.fullmatch(key):
        raise invalid_field(
            f"header.{HEADER}",
            "1 to 255 visible ASCII characters",
            code="invalid_idempotency_key",
        )
    digest = hashlib.sha256()
    for part in (request.method.encode(), request.url.path.encode(), request.url.query.encode()):
        digest.update(part + b"\n")
    digest.update(_canonical(await request.body()))
    return IdempotencyKey(key, digest.hexdigest())


IdempotencyHeader = Annotated[IdempotencyKey | None, Depends(idempotency_key)]


@dataclass(frozen=True, slots=True)
class Answer(Generic[T]):
    """How a route answers with a use case's result: its status and its JSON body."""

    status: int
    body: Callable[[T], Any]


def respond(outcome: Idempotent[T], answer: Answer[T]) -> JSONResponse:
    headers = {REPLAYED_HEADER: "true"} if outcome.replayed else None
    if outcome.value is None:  # a record from before results were stored: its answer as sent
        return JSONResponse(outcome.earlier_answer, status_code=answer.status, headers=headers)
    return JSONResponse(answer.body(outcome.value), status_code=answer.status, headers=headers)
