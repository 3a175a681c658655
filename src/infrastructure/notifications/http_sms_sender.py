"""SMS through an HTTP provider shaped like common SMS APIs:
``POST {base}/messages`` with ``{to, from, text, reference}`` and a bearer key."""

from __future__ import annotations

import httpx

from usecases.notifications.ports import DeliveryError, SmsMessage


class HttpSmsSender:
    def __init__(
        self,
        *,
        base_url: str,
        api_key: str,
        sender_id: str,
        timeout_seconds: float = 10.0,
        transport: httpx.AsyncBaseTransport | None = None,
    ) -> None:
        self._client = httpx.AsyncClient(
            base_url=base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {api_key}"},
            timeout=timeout_seconds,
            transport=transport,
        )
        self._sender_id = sender_id

    async def send(self, message: SmsMessage) -> None:
        payload = {
            "to": message.to,
            "from": self._sender_id,
            "text": message.text,
            "reference": message.message_id,  # providers dedupe on it
        }
        try:
            response = await self._client.post("/messages", json=payload)
        except httpx.TimeoutException:
            raise DeliveryError("SMS provider timed out") from None
        except httpx.TransportError as exc:
            raise DeliveryError(f"SMS provider unreachable: {type(exc).__name__}") from None
        if response.status_code < 300:
            return
        permanent = 400 <= response.status_code < 500 and response.status_code not in (408, 429)
        raise DeliveryError(
            f"SMS provider answered {response.status_code}: {response.text[:200]}",
            permanent=permanent,
        )

    async def aclose(self) -> None:
        await self._client.aclose()
