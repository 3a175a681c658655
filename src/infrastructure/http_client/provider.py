"""The retrying JSON client of an external provider's HTTP API (KYC provider, bank rail)."""

from __future__ import annotations

from pydantic import SecretStr

from infrastructure.config.settings import Settings
from infrastructure.http_client.retrying import ClientConfig, RetryingJsonClient


def provider_client(
    settings: Settings, url: str | None, key: SecretStr | None
) -> RetryingJsonClient:
    if url is None or key is None:  # the settings refuse this at start-up
        raise ValueError("an HTTP provider needs a URL and an API key")
    return RetryingJsonClient(
        ClientConfig(
            base_url=url,
            api_key=key,
            timeout_seconds=settings.provider_http_timeout_seconds,
            retries=settings.provider_http_retries,
            backoff_seconds=settings.provider_http_backoff_seconds,
        )
    )
