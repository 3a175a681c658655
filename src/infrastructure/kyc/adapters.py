"""Which KYC provider the app talks to: the sandbox unless settings select the HTTP API
(``KYC_PROVIDER=http``). The bank rail is banking's: ``infrastructure.banking.public``."""

from __future__ import annotations

from infrastructure.config.settings import Settings
from infrastructure.http_client.provider import provider_client
from infrastructure.kyc.http_provider import HttpKycProvider
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from usecases.kyc.ports import KycProvider


def build_kyc_provider(settings: Settings) -> KycProvider:
    if settings.kyc_provider == "http":
        return HttpKycProvider(
            provider_client(settings, settings.kyc_provider_url, settings.kyc_provider_api_key)
        )
    return SandboxKycProvider(latency_seconds=settings.kyc_sandbox_latency_seconds)
