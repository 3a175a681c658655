"""The bank rail's webhook. Public: the signature (``Meridian-Signature``, an HMAC over the
timestamp and the raw body) is the credential, checked by the use case. The body is one event
(answered ``WebhookAckRead``, a refusal as problem+json) or a batch ``{"events": [...]}``
(answered ``WebhookBatchAckRead``: 200 with each event's own outcome)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request

from adapters.http.banking.schemas import (
    WebhookAckRead,
    WebhookBatchAckRead,
    WebhookEventResultRead,
)
from adapters.http.errors import errors, status_for
from adapters.http.policy import PUBLIC, access
from adapters.http.registry import provide
from domain.banking.rail import WebhookEventReplayed, WebhookPayloadInvalid, WebhookReferenceUnknown
from domain.banking.transfers import TransferAlreadySettled
from domain.banking.webhook_signature import WebhookExpired, WebhookRejected
from usecases.banking.receive_rail_webhook import (
    MAX_BATCH_EVENTS,
    BatchItem,
    ReceiveRailWebhook,
    ReceiveRailWebhookHandler,
)

router = APIRouter(prefix="/banking/webhooks", tags=["banking"])

_EVENT_EXAMPLE = {
    "id": "evt_5f1c2a9b7d3e4f60a1b2c3d4",
    "type": "deposit.completed",
    "reference": "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
    "rail_reference": "sbx_7d3e4f60a1b2c3d4",
    "amount": "2500.00",
    "currency": "INR",
    "failure_reason": None,
}


@router.post(
    "/rail",
    summary="Bank rail settlement events (signed; see docs/banking.md)",
    description=(
        'One settlement event, or a batch `{"events": [event, ...]}` of at most '
        f"{MAX_BATCH_EVENTS}, signed as a whole. A single event's refusal is the answer "
        "(problem+json); a batch is answered 200 with each event's own status and code, "
        "the valid events settled."
    ),
    response_model=WebhookAckRead | WebhookBatchAckRead,
    responses=errors(
        WebhookRejected,
        WebhookExpired,
        WebhookPayloadInvalid,
        WebhookReferenceUnknown,
        WebhookEventReplayed,
        TransferAlreadySettled,
    ),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {
                    "schema": {"type": "object"},
                    "example": _EVENT_EXAMPLE,
                }
            },
        }
    },
)
@access(PUBLIC)
async def receive_rail_webhook(
    request: Request,
    handler: Annotated[ReceiveRailWebhookHandler, provide(ReceiveRailWebhookHandler)],
    signature: Annotated[str | None, Header(alias="Meridian-Signature")] = None,
) -> WebhookAckRead | WebhookBatchAckRead:
    receipt = await handler.execute(
        ReceiveRailWebhook(signature=signature, body=await request.body())
    )
    if receipt.batch is not None:
        return WebhookBatchAckRead(received=True, events=[_result(i) for i in receipt.batch])
    assert receipt.transfer is not None
    return WebhookAckRead(received=True, state=receipt.transfer.state)


def _result(item: BatchItem) -> WebhookEventResultRead:
    if item.error is not None:
        return WebhookEventResultRead(
            index=item.index,
            id=item.event_id,
            status=status_for(type(item.error)),
            state=None,
            code=item.error.error_code,
            detail=item.error.detail,
        )
    transfer = item.settlement.transfer if item.settlement else None
    return WebhookEventResultRead(
        index=item.index,
        id=item.event_id,
        status=200,
        state=None if transfer is None else transfer.state,
        code=None,
        detail=None,
    )
