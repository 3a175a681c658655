"""A JSON-over-HTTP client for outside providers (KYC, bank rail): a bearer API key, a
timeout per attempt, and retries with exponential backoff on timeouts, connection failures
and 5xx (and 429); a 4xx answer is returned at once, never retried. Request bodies are never
logged (they carry identity and account numbers)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

import httpx
from pydantic import SecretStr

log = logging.getLogger("meridian.http_client")

RETRYABLE_STATUS = frozenset({429, 500, 502, 503, 504})


@dataclass(frozen=True, slots=True, kw_only=True)
class ClientConfig:
    base_url: str
    api_key: SecretStr
    timeout_seconds: float = 10.0
    retries: int = 3  # further attempts after the first
    backoff_seconds: float = 0.5  # doubled after each failed attempt


class UpstreamUnavailable(Exception):
    """Every attempt timed out, failed to connect, or got a 5xx."""


@dataclass(frozen=True, slots=True)
class JsonResponse:
    status: int
    body: dict[str, Any]


class RetryingJsonClient:
    def __init__(
        self,
        config: ClientConfig,
        *,
        transport: httpx.AsyncBaseTransport | None = None,
        sleep: Callable[[float], Awaitable[None]] = asyncio.sleep,
    ) -> None:
        self._config = config
        self._sleep = sleep
        self._client = httpx.AsyncClient(
            base_url=config.base_url.rstrip("/"),
            headers={"Authorization": f"Bearer {config.api_key.get_secret_value()}"},
            timeout=config.timeout_seconds,
            transport=transport,
        )

    async def request(
        self, method: str, path: str, *, json: dict[str, Any] | None = None
    ) -> JsonResponse:
        delay = self._config.backoff_seconds
        attempts = self._config.retries + 1
        for attempt in range(1, attempts + 1):
            try:
                response = await self._client.request(method, path, json=json)
            except httpx.TransportError as exc:  # timeouts included
                failure = type(exc).__name__
            else:
                if response.status_code not in RETRYABLE_STATUS:
                    return JsonResponse(response.status_code, _body(response))
                failure = f"HTTP {response.status_code}"
            log.warning(
                "upstream attempt failed",
                extra={"path": path, "attempt": attempt, "failure": failure},
            )
            if attempt < attempts:
                await self._sleep(delay)
                delay *= 2
        raise UpstreamUnavailable(f"{method} {path}: {failure} after {attempts} attempts")

    async def aclose(self) -> None:
        await self._client.aclose()


def _body(response: httpx.Response) -> dict[str, Any]:
    try:
        body = response.json()
    except ValueError:
        return {}
    return body if isinstance(body, dict) else {}
