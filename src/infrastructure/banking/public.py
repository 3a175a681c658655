"""Banking's public port for other contexts' wiring: the bank rail (KYC verifies a bank
account with a penny drop through it) and banking's risk activity (for identity's
suspicious-activity list)."""

from __future__ import annotations

from infrastructure.bank_rail.http import HttpBankRail
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.banking.unit_of_work import unit_of_work
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.http_client.provider import provider_client
from usecases.banking.public import BankRail
from usecases.banking.risk_activity import BankingRiskActivity
from usecases.identity.public.risk_activity import RiskActivitySource


def build_bank_rail(settings: Settings) -> BankRail:
    """The sandbox rail unless settings select the HTTP API (``BANK_RAIL=http``)."""
    if settings.bank_rail == "http":
        return HttpBankRail(
            provider_client(settings, settings.bank_rail_url, settings.bank_rail_api_key)
        )
    return SandboxBankRail(latency_seconds=settings.bank_rail_sandbox_latency_seconds)


def risk_activity(container: Container) -> RiskActivitySource:
    """Banking's RiskActivitySource, for identity's suspicious-activity list."""
    return BankingRiskActivity(lambda: unit_of_work(container))
