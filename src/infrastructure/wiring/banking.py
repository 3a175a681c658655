"""Banking context wiring: linked accounts, deposits, withdrawals, currency conversion (quotes
at the configured FX rates), the rail webhook, the rail
instruction worker and its reconciliation, and banking's risk activity for identity's
suspicious-activity list.

Banking's unit of work gets the ledger through ``ledger_factory`` (same session); KYC's gate,
verified bank accounts and penny-drop rail, and identity's second factor and user directory,
come through those contexts' public ports (provided by their wiring, taken by type). The rail
and banking's risk activity for other contexts are in ``infrastructure.banking.public``."""

from __future__ import annotations

from datetime import timedelta

import httpx

from adapters.http.banking.accounts_router import router as accounts_router
from adapters.http.banking.fx_router import router as fx_router
from adapters.http.banking.operations_router import router as operations_router
from adapters.http.banking.transfers_router import router as transfers_router
from adapters.http.banking.webhook_router import router as webhook_router
from domain.banking.velocity import VelocityPolicy
from domain.banking.withdrawal_limits import WithdrawalLimits
from infrastructure.bank_rail.http import HttpBankRail
from infrastructure.bank_rail.sandbox import SandboxBankRail
from infrastructure.bank_rail.webhook_sender import SignedWebhookSender
from infrastructure.banking.fx_rates import configured_fx_rates
from infrastructure.banking.public import build_bank_rail
from infrastructure.banking.rail_worker import RailWorker
from infrastructure.banking.reconcile_worker import ReconcileWorker
from infrastructure.banking.unit_of_work import unit_of_work
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.kernel import idempotency_ttl, setting
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from infrastructure.wiring.providers import named, once, per_use
from usecases.banking import ports
from usecases.banking.bank_account_keys import BankAccountKeys
from usecases.banking.config import BankingConfig
from usecases.banking.fail_transfer import FailTransferHandler
from usecases.banking.fx.convert_currency import ConvertCurrencyHandler
from usecases.banking.fx.get_conversion import GetFxConversionHandler
from usecases.banking.fx.get_quote import GetFxQuoteHandler
from usecases.banking.fx.list_conversions import ListFxConversionsHandler
from usecases.banking.fx.ports import FxConfig, FxRateSource
from usecases.banking.fx.request_quote import RequestFxQuoteHandler
from usecases.banking.get_deposit import GetDepositHandler
from usecases.banking.get_rail_instruction import GetRailInstructionHandler
from usecases.banking.get_withdrawal import GetWithdrawalHandler
from usecases.banking.kyc_account import KycAccountAdopter
from usecases.banking.link_bank_account import LinkBankAccountHandler
from usecases.banking.list_bank_accounts import ListBankAccountsHandler
from usecases.banking.list_deposits import ListDepositsHandler
from usecases.banking.list_rail_instructions import ListRailInstructionsHandler
from usecases.banking.list_withdrawals import ListWithdrawalsHandler
from usecases.banking.public import BankRail
from usecases.banking.receive_rail_webhook import ReceiveRailWebhookHandler, WebhookConfig
from usecases.banking.reconcile_rail_instruction import ReconcileRailInstructionHandler
from usecases.banking.reconcile_rail_instructions import ReconcileRailInstructionsHandler
from usecases.banking.remove_bank_account import RemoveBankAccountHandler
from usecases.banking.request_deposit import RequestDepositHandler
from usecases.banking.request_withdrawal import RequestWithdrawalHandler
from usecases.banking.retry_rail_instruction import RetryRailInstructionHandler
from usecases.banking.set_primary_bank_account import SetPrimaryBankAccountHandler
from usecases.banking.submit_rail_instructions import SubmitRailInstructionsHandler

WEBHOOK_PATH = "/banking/webhooks/rail"


def banking_config(settings: Settings) -> BankingConfig:
    return BankingConfig(
        currencies=frozenset(settings.banking_currencies),
        deposit_max=settings.banking_deposit_max_amount,
        limits=WithdrawalLimits(
            per_transaction=settings.banking_withdrawal_max_per_transaction,
            daily=settings.banking_withdrawal_daily_limit,
            step_up_above=settings.banking_withdrawal_step_up_above,
        ),
        velocity=VelocityPolicy(
            hourly_count=settings.banking_velocity_hourly_count,
            daily_amount=settings.banking_velocity_daily_amount,
            challenge_threshold=settings.banking_velocity_challenge_threshold,
            block_threshold=settings.banking_velocity_block_threshold,
        ),
        idempotency_ttl=idempotency_ttl(settings),
        rail_max_attempts=settings.bank_rail_max_attempts,
    )


def fx_config(settings: Settings) -> FxConfig:
    return FxConfig(
        spread_bps=settings.fx_spread_bps,
        quote_ttl=timedelta(seconds=settings.fx_quote_ttl_seconds),
        idempotency_ttl=idempotency_ttl(settings),
    )


def callback_url(settings: Settings) -> str:
    configured = settings.bank_rail_sandbox_callback_url
    return configured or f"http://{settings.host}:{settings.port}{API_PREFIX}{WEBHOOK_PATH}"


def sandbox_rail(container: Container, client: httpx.AsyncClient, url: str) -> SandboxBankRail:
    """The sandbox rail calling back ``url`` through ``client`` (tests pass an ASGI client)."""
    settings = container.settings
    sender = SignedWebhookSender(
        client, url, settings.webhook_secrets[0], container.clock, backoff=0.5
    )
    return SandboxBankRail(
        latency_seconds=settings.bank_rail_sandbox_latency_seconds,
        settle_seconds=settings.bank_rail_sandbox_settle_seconds,
        webhooks=sender,
        webhook_batch=settings.bank_rail_sandbox_webhook_batch,
    )


def banking_rail(container: Container) -> BankRail:
    settings = container.settings
    rail = build_bank_rail(settings)
    if isinstance(rail, HttpBankRail):
        return rail
    return sandbox_rail(container, httpx.AsyncClient(timeout=10), callback_url(settings))


def keys(container: Container) -> BankAccountKeys:
    return BankAccountKeys(container.field_cipher, container.blind_index)


def rail_claim_for(settings: Settings) -> timedelta:
    """How long a worker's claim on an instruction holds: twice the longest a rail call can
    take (every attempt timing out, the backoffs between them, the sandbox's latency), at least
    a minute. A worker that dies mid-call delays that instruction by this much."""
    retries = settings.provider_http_retries
    longest = (
        settings.provider_http_timeout_seconds * (retries + 1)
        + settings.provider_http_backoff_seconds * (2**retries - 1)
        + settings.bank_rail_sandbox_latency_seconds
    )
    return timedelta(seconds=max(60.0, 2 * longest))


def rail_handler(
    container: Container, rail: BankRail | None = None
) -> SubmitRailInstructionsHandler:
    return SubmitRailInstructionsHandler(
        lambda: unit_of_work(container),
        rail or banking_rail(container),
        keys(container),
        container.clock,
        max_attempts=container.settings.bank_rail_max_attempts,
        claim_for=rail_claim_for(container.settings),
        concurrency=container.settings.bank_rail_concurrency,
    )


def rail_worker(container: Container, rail: BankRail | None = None) -> RailWorker:
    """The submitting loop; on a graceful stop it delivers what the sandbox rail has scheduled."""
    rail = rail or banking_rail(container)
    return RailWorker(
        rail_handler(container, rail),
        poll_seconds=container.settings.bank_rail_poll_seconds,
        on_stop=rail.drain_at_once if isinstance(rail, SandboxBankRail) else None,
    )


def reconcile_handler(container: Container, rail: BankRail) -> ReconcileRailInstructionsHandler:
    return ReconcileRailInstructionsHandler(
        unit_of_work(container),
        rail,
        container.clock,
        after=timedelta(seconds=container.settings.bank_rail_reconcile_after_seconds),
    )


def reconcile_worker(container: Container, rail: BankRail) -> ReconcileWorker:
    return ReconcileWorker(
        reconcile_handler(container, rail),
        every_seconds=container.settings.bank_rail_reconcile_every_seconds,
    )


def webhook_config(settings: Settings) -> WebhookConfig:
    return WebhookConfig(
        secrets=settings.webhook_secrets,
        tolerance_seconds=settings.bank_rail_webhook_tolerance_seconds,
    )


MODULE = ContextModule(
    name="banking",
    handlers=(
        LinkBankAccountHandler,
        ListBankAccountsHandler,
        SetPrimaryBankAccountHandler,
        RemoveBankAccountHandler,
        RequestDepositHandler,
        ListDepositsHandler,
        GetDepositHandler,
        RequestWithdrawalHandler,
        ListWithdrawalsHandler,
        GetWithdrawalHandler,
        ReceiveRailWebhookHandler,
        ListRailInstructionsHandler,
        GetRailInstructionHandler,
        RetryRailInstructionHandler,
        ReconcileRailInstructionHandler,  # status queries on the shared (penny-drop) rail
        FailTransferHandler,
        RequestFxQuoteHandler,
        GetFxQuoteHandler,
        ConvertCurrencyHandler,
        ListFxConversionsHandler,
        GetFxConversionHandler,
    ),
    collaborators=(
        per_use(ports.BankingUnitOfWork, unit_of_work),
        once(BankingConfig, banking_config),
        once(WebhookConfig, webhook_config),
        once(FxConfig, fx_config),
        once(FxRateSource, configured_fx_rates),
        once(BankAccountKeys, keys),
        once(KycAccountAdopter),
        setting("threshold", lambda s: s.kyc_name_match_threshold),
        named("idempotency_ttl", idempotency_ttl),
    ),
    routers=(
        Mounted(accounts_router),
        Mounted(transfers_router),
        Mounted(operations_router),
        Mounted(webhook_router),
        Mounted(fx_router),
    ),
)
