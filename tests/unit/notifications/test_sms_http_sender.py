"""The HTTP SMS adapter's request shape and error mapping, against a scripted provider."""

from __future__ import annotations

import json

import httpx
import pytest

from infrastructure.notifications.http_sms_sender import HttpSmsSender
from usecases.notifications.ports import DeliveryError, SmsMessage

MESSAGE = SmsMessage(message_id="m-1", to="+919876543210", text="code 123456")


def sender(handler: httpx.MockTransport) -> HttpSmsSender:
    return HttpSmsSender(
        base_url="https://sms.example/v1/",
        api_key="k-secret",
        sender_id="MERIDN",
        timeout_seconds=1,
        transport=handler,
    )


async def test_a_message_is_posted_with_its_reference() -> None:
    seen: list[httpx.Request] = []

    def provider(request: httpx.Request) -> httpx.Response:
        seen.append(request)
        return httpx.Response(202, json={"id": "prov-1"})

    await sender(httpx.MockTransport(provider)).send(MESSAGE)
    [request] = seen
    assert str(request.url) == "https://sms.example/v1/messages"
    assert request.headers["authorization"] == "Bearer k-secret"
    assert json.loads(request.content) == {
        "to": "+919876543210",
        "from": "MERIDN",
        "text": "code 123456",
        "reference": "m-1",
    }


@pytest.mark.parametrize(
    ("status", "permanent"), [(400, True), (404, True), (429, False), (500, False), (503, False)]
)
async def test_provider_answers_map_to_permanent_or_retryable(status: int, permanent: bool) -> None:
    transport = httpx.MockTransport(lambda r: httpx.Response(status, text="nope"))
    with pytest.raises(DeliveryError) as caught:
        await sender(transport).send(MESSAGE)
    assert caught.value.permanent is permanent
    assert str(status) in caught.value.reason


async def test_a_timeout_is_retryable() -> None:
    def slow(request: httpx.Request) -> httpx.Response:
        raise httpx.ReadTimeout("slow", request=request)

    with pytest.raises(DeliveryError) as caught:
        await sender(httpx.MockTransport(slow)).send(MESSAGE)
    assert caught.value.permanent is False
