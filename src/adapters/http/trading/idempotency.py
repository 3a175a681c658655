"""Placing an order is idempotent by an ``Idempotency-Key`` header *or* by the order's
``client_order_id`` (unique per user): the header is optional here, and the use case refuses
a request with neither (``client_order_id_or_idempotency_key_required``)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Request

from adapters.http.auth import CurrentActor
from adapters.http.idempotency import DESCRIPTION, HEADER, PATTERN, idempotency_key
from usecases.shared.idempotency import IdempotencyKey


async def optional_idempotency_key(
    request: Request,
    actor: CurrentActor,
    idempotency_key_header: Annotated[
        str | None,
        Header(
            alias=HEADER,
            min_length=1,
            max_length=255,
            pattern=PATTERN,
            description=DESCRIPTION.replace(
                "Required.", "Required unless the body has a client_order_id."
            ),
        ),
    ] = None,
) -> IdempotencyKey | None:
    if idempotency_key_header is None:
        return None
    return await idempotency_key(request, actor)


OptionalIdempotencyHeader = Annotated[IdempotencyKey | None, Depends(optional_idempotency_key)]
