"""The bank rail's webhook. Public: the signature (``Meridian-Signature``, an HMAC over the
timestamp and the raw body) is the credential, checked by the use case."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header, Request

from adapters.http.banking.schemas import WebhookAckRead
from adapters.http.errors import errors
from adapters.http.policy import PUBLIC, access
from adapters.http.registry import provide
from domain.banking.rail import WebhookEventReplayed, WebhookPayloadInvalid, WebhookReferenceUnknown
from domain.banking.transfers import TransferAlreadySettled
from domain.banking.webhook_signature import WebhookExpired, WebhookRejected
from usecases.banking.receive_rail_webhook import ReceiveRailWebhook, ReceiveRailWebhookHandler

router = APIRouter(prefix="/banking/webhooks", tags=["banking"])


@router.post(
    "/rail",
    summary="Bank rail settlement events (signed; see docs/banking.md)",
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
                    "example": {
                        "id": "evt_5f1c2a9b7d3e4f60a1b2c3d4",
                        "type": "deposit.completed",
                        "reference": "deposit:0193a2c4-1f2e-7c3b-9a10-5d7e8f9a0b1c",
                        "rail_reference": "sbx_7d3e4f60a1b2c3d4",
                        "amount": "2500.00",
                        "currency": "INR",
                        "failure_reason": None,
                    },
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
) -> WebhookAckRead:
    transfer = await handler.execute(
        ReceiveRailWebhook(signature=signature, body=await request.body())
    )
    return WebhookAckRead(received=True, state=transfer.state)
