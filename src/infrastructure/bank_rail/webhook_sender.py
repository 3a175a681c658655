"""How the sandbox rail calls our webhook: a JSON POST signed like a real rail's
(``Meridian-Signature: t=<unix>,v1=<HMAC-SHA256(secret, "<t>." + body)>``), retried a few
times on connection failures and 5xx. Only the sandbox uses it; a real rail signs its own.
Events go one a request (``send``) or several in one signed batch (``send_batch``).

At most ``in_flight`` deliveries are out at once (the rest wait their turn here, outside the
HTTP client's timeout): a worker that submits thousands of instructions in a burst would
otherwise have them all time out at a busy server and be sent again, settling nothing faster."""

from __future__ import annotations

import asyncio
import json
import logging
from typing import Any

import httpx

from domain.banking.webhook_signature import HEADER, sign
from domain.shared.clock import Clock

log = logging.getLogger("meridian.bank_rail.sandbox")
ATTEMPTS = 5
IN_FLIGHT = 32


class SignedWebhookSender:
    def __init__(
        self,
        client: httpx.AsyncClient,
        url: str,
        secret: bytes,
        clock: Clock,
        *,
        backoff: float,
        in_flight: int = IN_FLIGHT,
    ) -> None:
        self._client = client
        self._url = url
        self._secret = secret
        self._clock = clock
        self._backoff = backoff
        self._turns = asyncio.Semaphore(in_flight)

    async def send(self, event: dict[str, Any]) -> int:
        """POST the event; the final HTTP status (0 when the webhook never answered)."""
        return await self._post(event, event["id"], event["type"])

    async def send_batch(self, events: list[dict[str, Any]]) -> int:
        """POST the events as one batch (``{"events": [...]}``, one signature over the body);
        the final HTTP status. Every event is idempotent by its id at the webhook, so a batch
        that is sent again after a lost answer settles nothing twice."""
        return await self._post({"events": events}, f"{len(events)} events", "batch")

    async def _post(self, payload: dict[str, Any], label: str, kind: str) -> int:
        body = json.dumps(payload, separators=(",", ":")).encode()
        status = 0
        for attempt in range(ATTEMPTS):
            headers = {
                "Content-Type": "application/json",
                HEADER: sign(self._secret, body, at=self._clock.now()),
            }
            try:
                async with self._turns:
                    response = await self._client.post(self._url, content=body, headers=headers)
                status = response.status_code
            except httpx.TransportError as exc:
                log.warning(
                    "sandbox webhook not delivered",
                    extra={"event_id": label, "error": type(exc).__name__},
                )
                status = 0
            if 0 < status < 500:
                break
            await asyncio.sleep(self._backoff * 2**attempt)
        log.info(
            "sandbox webhook delivered",
            extra={"event_id": label, "type": kind, "status": status},
        )
        return status
