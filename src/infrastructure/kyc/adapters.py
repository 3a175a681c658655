"""Which KYC provider and bank rail the app talks to: the sandboxes unless settings select the
HTTP APIs (``KYC_PROVIDER=http``, ``BANK_RAIL=http``)."""

from __future__ import annotations

from pydantic import SecretStr

from infrastructure.bank_rail.http import HttpBankRail
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.config.settings import Settings
from infrastructure.http_client.retrying import ClientConfig, RetryingJsonClient
from infrastructure.kyc.http_provider import HttpKycProvider
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from usecases.kyc.ports import KycProvider
from usecases.shared.ports.bank_rail import BankRail


def _client(settings: Settings, url: str | None, key: SecretStr | None) -> RetryingJsonClient:
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


def build_kyc_provider(settings: Settings) -> KycProvider:
    if settings.kyc_provider == "http":
        return HttpKycProvider(
            _client(settings, settings.kyc_provider_url, settings.kyc_provider_api_key)
        )
    return SandboxKycProvider(latency_seconds=settings.kyc_sandbox_latency_seconds)


def build_bank_rail(settings: Settings) -> BankRail:
    if settings.bank_rail == "http":
        return HttpBankRail(_client(settings, settings.bank_rail_url, settings.bank_rail_api_key))
    return SandboxBankRail(latency_seconds=settings.bank_rail_sandbox_latency_seconds)
