"""Settings from the environment (and an optional ``.env`` file). Every variable is documented
in ``.env.example`` and the README; production refuses unsafe values at start-up."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, field_validator, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-secret-key-change-me-0123456789abcdef"  # noqa: S105  (public default)
# Public development key for field encryption; production refuses it.
DEV_FIELD_KEYS = "dev1:ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLWxvbmc="
MIN_SECRET_LENGTH = 32
DEV_WEBHOOK_SECRET = "dev-only-bank-rail-webhook-secret"  # noqa: S105  (public default)
DEFAULT_KYC_REQUIRED_LEVELS = {
    "deposit": 2,
    "withdraw": 3,
    "convert": 2,
    "trade": 2,
    "transfer": 3,
    "invest": 2,
}


class Settings(BaseSettings):
    model_config = SettingsConfigDict(
        env_file=".env", env_file_encoding="utf-8", extra="ignore", case_sensitive=False
    )

    app_env: Literal["development", "test", "production"] = "development"
    debug: bool = False
    secret_key: SecretStr = SecretStr(DEV_SECRET_KEY)

    database_url: str | None = None
    data_dir: Path = Path(".data")
    db_pool_size: int = Field(default=10, ge=1, le=100)
    db_max_overflow: int = Field(default=10, ge=0, le=100)
    db_echo: bool = False
    # Ping every pooled connection before use: one more round trip per checkout. Off: a
    # connection the server ended fails its first statement (that request answers 503
    # database_unavailable) and the pool then replaces every connection older than the loss.
    db_pool_pre_ping: bool = False

    redis_url: str | None = None
    redis_namespace: str = "meridian"

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)
    # Where clients reach the API from outside (behind a proxy: its https address), for links
    # printed on documents (a certificate's QR code). Unset: http://HOST:PORT.
    public_base_url: str | None = Field(default=None, pattern=r"^https?://[^\s/?#]+(/[^\s?#]*)?$")
    # `meridian serve`'s HTTP server (docs/operations.md#server-limits): the request line and
    # headers of one request (431 beyond), how long one request may take to arrive (its head,
    # then each part of its body: 408 and closed beyond), and how long an idle keep-alive
    # connection stays open (longer than nginx's upstream keepalive_timeout).
    http_max_header_bytes: int = Field(default=16_384, ge=1024, le=1_048_576)
    http_read_timeout_seconds: float = Field(default=10.0, gt=0, le=300)
    http_keepalive_seconds: float = Field(default=5.0, gt=0, le=300)
    # With --workers N, how long uvicorn waits for a (re)started worker to answer its health
    # ping before killing it; a spawned worker imports the app first, which takes longer than
    # the 5 s default on a machine whose CPUs are saturated (it would be killed again and again).
    http_worker_healthcheck_seconds: int = Field(default=5, ge=1, le=600)
    # Comma list of proxy addresses (or CIDRs) whose X-Forwarded-For/-Proto are believed. Empty
    # (the default): no proxy is trusted, so a client reaching the server directly cannot spoof
    # its address past the per-IP limits. Behind nginx, set nginx's address (compose does).
    forwarded_allow_ips: str = ""

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True

    # --- crypto ------------------------------------------------------------------------
    # Comma list of "<id>:<base64 32-byte key>"; the first seals, all open (rotation).
    field_encryption_keys: SecretStr = SecretStr(DEV_FIELD_KEYS)
    # base64 of 32+ random bytes: the HMAC key of blind indexes (Aadhaar, PAN...). Kept apart
    # from SECRET_KEY so rotating that secret leaves the indexes valid. Unset (development and
    # test only): derived from SECRET_KEY. Required in production.
    blind_index_key: SecretStr | None = None
    # Where uploaded files are kept, sealed (AES-256-GCM under FIELD_ENCRYPTION_KEYS); unset:
    # DATA_DIR/documents. Keep it outside any directory a web server serves.
    documents_dir: Path | None = None

    # --- notifications: email ----------------------------------------------------------
    # Unset SMTP_HOST: emails are written as .eml files under DATA_DIR/mail (development).
    smtp_host: str | None = None
    smtp_port: int = Field(default=587, ge=1, le=65535)
    smtp_username: str | None = None
    smtp_password: SecretStr | None = None
    smtp_starttls: bool = True
    smtp_implicit_tls: bool = False
    smtp_timeout_seconds: float = Field(default=10.0, gt=0)
    mail_from: str = "Meridian <no-reply@meridian.local>"
    # Message templates (one directory per kind); unset: the templates shipped with the app.
    notification_templates_dir: Path | None = None

    # --- notifications: SMS ------------------------------------------------------------
    # Unset SMS_API_URL: messages are written under DATA_DIR/sms (development).
    sms_api_url: str | None = None
    sms_api_key: SecretStr | None = None
    sms_sender_id: str = "MERIDN"
    sms_timeout_seconds: float = Field(default=10.0, gt=0)

    # --- outbox worker -----------------------------------------------------------------
    outbox_max_attempts: int = Field(default=8, ge=1, le=50)
    outbox_backoff_base_seconds: float = Field(default=2.0, gt=0)
    outbox_backoff_max_seconds: float = Field(default=900.0, gt=0)
    outbox_batch_size: int = Field(default=20, ge=1, le=500)
    outbox_claim_seconds: int = Field(default=60, ge=5)
    outbox_poll_seconds: float = Field(default=1.0, gt=0)
    # Run the outbox worker inside the API process (default: in single-process mode only).
    embedded_worker: bool | None = None

    # --- identity (owned by the identity context; add its settings below) ---------------
    # JWT signing keys, comma list of "<kid>:<base64 key of 32+ bytes>"; the first signs, all
    # verify (rotation). Unset: one key derived from SECRET_KEY (HKDF-SHA256).
    jwt_signing_keys: SecretStr | None = None
    jwt_algorithm: Literal["HS256", "HS384", "HS512"] = "HS256"
    jwt_issuer: str = "meridian"
    jwt_audience: str = "meridian-api"
    access_token_ttl_seconds: int = Field(default=900, ge=60, le=3600)
    refresh_token_ttl_seconds: int = Field(default=604_800, ge=3600, le=7_776_000)
    two_factor_challenge_ttl_seconds: int = Field(default=300, ge=60, le=900)
    two_factor_challenge_attempts: int = Field(default=5, ge=1, le=20)
    totp_issuer: str = "Meridian"
    registration_ttl_seconds: int = Field(default=86_400, ge=900, le=2_592_000)
    otp_ttl_registration_seconds: int = Field(default=600, ge=60, le=3600)
    otp_ttl_login_seconds: int = Field(default=300, ge=60, le=3600)
    otp_ttl_password_reset_seconds: int = Field(default=900, ge=60, le=3600)
    otp_ttl_kyc_seconds: int = Field(default=600, ge=60, le=3600)
    otp_max_attempts: int = Field(default=5, ge=1, le=10)
    otp_cooldown_seconds: int = Field(default=60, ge=0, le=3600)
    otp_cooldown_password_reset_seconds: int = Field(default=120, ge=0, le=3600)
    otp_daily_cap: int = Field(default=10, ge=1, le=1000)
    lockout_threshold: int = Field(default=5, ge=1, le=100)
    lockout_window_seconds: int = Field(default=1800, ge=60)
    lockout_duration_seconds: int = Field(default=1800, ge=60)
    password_min_length: int = Field(default=12, ge=8, le=128)
    password_max_length: int = Field(default=128, ge=64, le=1024)
    password_min_strength: int = Field(default=3, ge=0, le=4)
    # Argon2id cost (OWASP: 19 MiB, 2 passes, 1 lane); existing hashes upgrade at next login.
    argon2_memory_kib: int = Field(default=19_456, ge=8_192, le=1_048_576)
    argon2_time_cost: int = Field(default=2, ge=1, le=10)
    argon2_parallelism: int = Field(default=1, ge=1, le=16)
    # Auth endpoints: requests per window from one IP, and against one account, per action.
    auth_rate_limit_per_ip: int = Field(default=30, ge=1)
    auth_rate_limit_per_account: int = Field(default=10, ge=1)
    auth_rate_limit_window_seconds: int = Field(default=60, ge=1, le=86_400)
    # Region assumed for mobile numbers typed without a +country code.
    default_phone_region: str = Field(default="IN", pattern=r"^[A-Z]{2}$")
    # Risk scoring at login (0..100): at or above the challenge threshold the login needs
    # two-factor (RISK_ACTION_ABOVE_CHALLENGE=two_factor) or is refused (block); at or above
    # the block threshold it is refused.
    risk_challenge_threshold: int = Field(default=50, ge=0, le=100)
    risk_block_threshold: int = Field(default=90, ge=0, le=100)
    risk_action_above_challenge: Literal["two_factor", "block"] = "two_factor"

    # --- captable: share transfers (docs/captable.md#share-transfers) ----------------------
    # A transfer still unfinished this many days after its ROFR window closes expires (the
    # worker unlocks its shares); the worker looks every CAPTABLE_TRANSFER_SWEEP_SECONDS.
    captable_transfer_stale_days: int = Field(default=60, ge=1, le=3650)
    captable_transfer_sweep_seconds: float = Field(default=60.0, gt=0, le=86400.0)
    governance_sweep_seconds: float = Field(default=30.0, gt=0, le=86400.0)

    # --- trading (docs/trading.md) ----------------------------------------------------------
    # Each side of a trade pays this many basis points of its cash as a fee (half-even to the
    # currency's minor unit); a buy holds the maximum fee with its price.
    trading_fee_bps: int = Field(default=10, ge=0, le=1000)
    # The matcher's group commit: a batch waits this long for more requests (0: only what
    # is already queued), up to TRADING_MAX_BATCH of them in one transaction.
    trading_batch_window_ms: float = Field(default=2.0, ge=0.0, le=1000.0)
    trading_max_batch: int = Field(default=256, ge=1, le=10_000)
    # Instruments are spread over this many single-writer partitions (one advisory lock each).
    trading_partitions: int = Field(default=8, ge=1, le=1024)
    # The worker expires DAY and GTD orders whose time came every this many seconds.
    trading_expiry_sweep_seconds: float = Field(default=5.0, gt=0, le=3600.0)
    # Who matches: `in_process` (each API process owns the partitions it needs first), or
    # `dedicated` (API and worker processes never match: every request goes through Redis to
    # the `meridian matcher` process that owns its partition; needs REDIS_URL).
    trading_matchers: Literal["in_process", "dedicated"] = "in_process"
    # How long a forwarded request waits for its matcher's answer before `matcher_unavailable`.
    trading_forward_timeout_seconds: float = Field(default=10.0, gt=0, le=300.0)

    # --- market data: the WebSocket feed (docs/market-data.md#the-websocket-feed) ----------
    # Public channels (ticker, trades, level2, candles) without signing in: unset means allowed
    # outside production. A client must authenticate (or, when public channels are open,
    # send its first message) within MARKET_DATA_AUTH_TIMEOUT_SECONDS.
    market_data_public_feed: bool | None = None
    market_data_auth_timeout_seconds: float = Field(default=5.0, gt=0, le=60.0)
    # Heartbeats (with the last number of every subscribed stream) and the re-check of a
    # signed-in client's token (expiry, logout, revocation), every this many seconds.
    market_data_heartbeat_seconds: float = Field(default=5.0, gt=0, le=300.0)
    market_data_max_subscriptions: int = Field(default=200, ge=1, le=10_000)
    market_data_max_connections_per_user: int = Field(default=10, ge=1, le=1000)
    market_data_client_messages_per_second: int = Field(default=20, ge=1, le=10_000)
    # Frames queued for one client; a client further behind is closed (4008 slow_consumer).
    market_data_send_queue: int = Field(default=1000, ge=1, le=1_000_000)
    # The listed symbols a client may subscribe to are read again this often.
    market_data_symbols_refresh_seconds: float = Field(default=60.0, gt=0, le=86400.0)

    # --- market data (docs/market-data.md#settings) ------------------------------------------
    # The candle projector reads at most this many trades a round, and runs a round at least
    # this often (a trade on the feed bus wakes it sooner).
    market_data_projector_batch: int = Field(default=1000, ge=1, le=100_000)
    market_data_projector_poll_seconds: float = Field(default=1.0, gt=0, le=3600.0)
    # A candles request spans at most this many candles; a prices request names at most this
    # many symbols; the book answers at most this many levels a side.
    market_data_max_candle_points: int = Field(default=10_000, ge=1, le=1_000_000)
    market_data_max_price_symbols: int = Field(default=50, ge=1, le=1000)
    market_data_max_book_depth: int = Field(default=100, ge=1, le=1000)

    # --- market simulator (docs/market-data.md#the-simulator) -------------------------------
    # Run the simulated market as a background job. Unset: on only under `meridian serve
    # --demo` in single-process mode (`make run`), off everywhere else; never in production.
    market_simulator_enabled: bool | None = None
    # A tick: every agent acts on every instrument trading now once this often.
    market_simulator_interval_seconds: float = Field(default=1.0, ge=0.05, le=3600.0)
    # Simulator accounts of each role every instrument has (an account trades one instrument).
    market_simulator_market_makers: int = Field(default=2, ge=0, le=20)
    market_simulator_noise_traders: int = Field(default=2, ge=0, le=20)
    market_simulator_momentum_traders: int = Field(default=1, ge=0, le=20)
    # Symbols the simulator holds halted (comma-separated): its agents leave them alone.
    market_simulator_halted: str = ""
    # The random seed of the fair values and the agents (unset: a new one each run).
    market_simulator_seed: int | None = None

    # --- kyc (owned by the kyc context) ----------------------------------------------------
    # PAN name match: the submitted name verifies when its similarity ratio (0..1) to the
    # registered name is at least this.
    kyc_name_match_threshold: float = Field(default=0.85, ge=0.5, le=1.0)
    # The sandbox provider's simulated latency per call (0 in tests).
    kyc_sandbox_latency_seconds: float = Field(default=0.0, ge=0.0, le=30.0)
    # Aadhaar OTP through the provider: validity of one OTP and wrong answers allowed.
    kyc_aadhaar_otp_ttl_seconds: int = Field(default=600, ge=60, le=3600)
    kyc_aadhaar_otp_max_attempts: int = Field(default=3, ge=1, le=10)
    # Which KYC provider and bank rail answer: the sandbox (default) or the HTTP APIs.
    kyc_provider: Literal["sandbox", "http"] = "sandbox"
    kyc_provider_url: str | None = None
    kyc_provider_api_key: SecretStr | None = None
    bank_rail: Literal["sandbox", "http"] = "sandbox"
    bank_rail_url: str | None = None
    bank_rail_api_key: SecretStr | None = None
    bank_rail_sandbox_latency_seconds: float = Field(default=0.0, ge=0.0, le=30.0)
    # HTTP providers (KYC and bank rail): timeout per attempt, retries after the first,
    # first backoff (doubled each retry) on timeouts and 5xx.
    provider_http_timeout_seconds: float = Field(default=10.0, gt=0.0, le=120.0)
    provider_http_retries: int = Field(default=3, ge=0, le=10)
    provider_http_backoff_seconds: float = Field(default=0.5, ge=0.0, le=60.0)
    # The KYC level (0..3) each capability needs, as JSON: other contexts ask the KycGate.
    # A value given names only the capabilities it changes; the others keep their default.
    kyc_required_levels: dict[str, Annotated[int, Field(ge=0, le=3)]] = Field(
        default_factory=lambda: dict(DEFAULT_KYC_REQUIRED_LEVELS)
    )

    @field_validator("kyc_required_levels", mode="after")
    @classmethod
    def _over_default_levels(cls, value: dict[str, int]) -> dict[str, int]:
        unknown = sorted(set(value) - set(DEFAULT_KYC_REQUIRED_LEVELS))
        if unknown:
            known = ", ".join(DEFAULT_KYC_REQUIRED_LEVELS)
            raise ValueError(f"unknown capability {', '.join(unknown)}: one of {known}")
        return {**DEFAULT_KYC_REQUIRED_LEVELS, **value}

    @model_validator(mode="after")
    def _check_trading(self) -> Settings:
        if self.trading_matchers == "dedicated" and not self.redis_url:
            raise ValueError(
                "TRADING_MATCHERS=dedicated forwards every order to a `meridian matcher` "
                "process through Redis: set REDIS_URL"
            )
        return self

    @model_validator(mode="after")
    def _check_kyc(self) -> Settings:
        for name in ("kyc_provider", "bank_rail"):
            if getattr(self, name) == "http" and not (
                getattr(self, f"{name}_url") and getattr(self, f"{name}_api_key")
            ):
                upper = name.upper()
                raise ValueError(f"{upper}=http needs {upper}_URL and {upper}_API_KEY")
        return self

    # Largest accepted KYC upload (an Aadhaar image or the offline e-KYC ZIP), in bytes.
    kyc_upload_max_bytes: int = Field(default=5_242_880, ge=1024, le=52_428_800)
    # Lifetime of a signed document download link.
    kyc_document_url_ttl_seconds: int = Field(default=300, ge=10, le=3600)
    # Largest accepted document attached to a portfolio investment (a statement, a tax
    # document, an agreement: PDF, JPEG or PNG), in bytes.
    portfolio_document_max_bytes: int = Field(default=5_242_880, ge=1024, le=52_428_800)

    # --- ledger (owned by the ledger context) ------------------------------------------------
    # How long an Idempotency-Key and its stored response are kept (at least a day).
    idempotency_key_ttl_hours: int = Field(default=24, ge=24, le=24 * 30)

    # --- banking (owned by the banking context) -------------------------------------------
    # Currencies deposits and withdrawals accept (comma-separated ISO codes).
    banking_currencies: Annotated[list[str], NoDecode] = Field(default_factory=lambda: ["INR"])
    banking_deposit_max_amount: Decimal = Field(default=Decimal("10000000"), gt=0)
    banking_withdrawal_max_per_transaction: Decimal = Field(default=Decimal("500000"), gt=0)
    banking_withdrawal_daily_limit: Decimal = Field(default=Decimal("1000000"), gt=0)
    # Above this amount a withdrawal needs the second factor (step-up).
    banking_withdrawal_step_up_above: Decimal = Field(default=Decimal("50000"), ge=0)
    # Unusual withdrawal velocity (docs/banking.md#unusual-withdrawal-velocity).
    banking_velocity_hourly_count: int = Field(default=3, ge=1, le=1000)
    banking_velocity_daily_amount: Decimal = Field(default=Decimal("200000"), gt=0)
    banking_velocity_challenge_threshold: int = Field(default=50, ge=0, le=100)
    banking_velocity_block_threshold: int = Field(default=90, ge=0, le=100)
    # Bank rail webhooks: HMAC secrets (comma-separated; the first signs sandbox callbacks, all
    # verify: rotation) and how far a signed timestamp may be from now.
    bank_rail_webhook_secrets: SecretStr = SecretStr(DEV_WEBHOOK_SECRET)
    bank_rail_webhook_tolerance_seconds: int = Field(default=300, ge=30, le=3600)
    # The sandbox rail settles collections and payouts after this delay by calling
    # BANK_RAIL_SANDBOX_CALLBACK_URL (default: this server's webhook on HOST:PORT).
    bank_rail_sandbox_settle_seconds: float = Field(default=2.0, ge=0.0, le=3600.0)
    bank_rail_sandbox_callback_url: str | None = None
    # Settlements that fall due together reach the webhook in signed batches of at most this
    # many events (1: one event a request).
    bank_rail_sandbox_webhook_batch: int = Field(default=50, ge=1, le=100)
    # Rail instruction worker: idle poll, and attempts before an instruction is dead.
    bank_rail_poll_seconds: float = Field(default=1.0, gt=0)
    bank_rail_max_attempts: int = Field(default=8, ge=1, le=50)
    # Instructions the worker has out at the rail at once (each lane holds a pooled connection
    # only in its short claim and record transactions, never during the rail call).
    bank_rail_concurrency: int = Field(default=8, ge=1, le=64)
    # Reconciliation: the worker asks the rail for the status of instructions submitted longer
    # ago than this and still unsettled (a lost webhook), and again this long after each
    # "still pending" answer; it looks for them every BANK_RAIL_RECONCILE_EVERY_SECONDS.
    bank_rail_reconcile_after_seconds: float = Field(default=120.0, ge=1.0, le=86400.0)
    bank_rail_reconcile_every_seconds: float = Field(default=30.0, gt=0, le=3600.0)

    # --- banking: currency conversion (docs/banking.md#currency-and-fx-conversion) ---------
    # Mid rates of the pairs users may convert, BASEQUOTE=rate (quote units per base unit),
    # comma-separated: "USDINR=83.2500,EURINR=90.1000". Only these pairs convert, either way.
    fx_rates: str = "USDINR=83.2500"
    # The platform's spread around the mid rate, in basis points (50 = 0.50 %).
    fx_spread_bps: int = Field(default=50, ge=0, le=1000)
    # How long a quote may be converted after it is given.
    fx_quote_ttl_seconds: int = Field(default=30, ge=1, le=3600)

    # --- captable: certificate and transfer agreement PDFs (docs/captable.md) -------------
    # Processes that render the PDFs, off the event loop; unset: one per CPU (at least 1).
    captable_render_workers: int | None = Field(default=None, ge=1, le=64)

    @model_validator(mode="before")
    @classmethod
    def _split_currencies(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("banking_currencies", "BANKING_CURRENCIES"):
                raw = data.get(key)
                if isinstance(raw, str):
                    data[key] = [c.strip().upper() for c in raw.split(",") if c.strip()]
        return data

    @model_validator(mode="after")
    def _check_banking(self) -> Settings:
        from domain.shared.money import MINOR_UNITS

        unknown = [c for c in self.banking_currencies if c not in MINOR_UNITS]
        if unknown or not self.banking_currencies:
            raise ValueError(f"BANKING_CURRENCIES: unsupported {unknown or 'empty list'}")
        if self.banking_velocity_challenge_threshold > self.banking_velocity_block_threshold:
            raise ValueError("BANKING_VELOCITY_CHALLENGE_THRESHOLD is above the block threshold")
        if not self.webhook_secrets:
            raise ValueError("BANK_RAIL_WEBHOOK_SECRETS needs at least one secret")
        return self

    @model_validator(mode="after")
    def _check_fx(self) -> Settings:
        self.fx_mid_rates  # noqa: B018 - parses, raising on a malformed FX_RATES
        return self

    @property
    def fx_mid_rates(self) -> tuple[tuple[str, str, Decimal], ...]:
        """``FX_RATES`` as (base, quote, mid) triples."""
        from decimal import InvalidOperation

        from domain.shared.money import MINOR_UNITS

        parsed: list[tuple[str, str, Decimal]] = []
        for item in (part.strip() for part in self.fx_rates.split(",")):
            if not item:
                continue
            pair, _, text = item.partition("=")
            pair = pair.strip().upper()
            base, quote = pair[:3], pair[3:]
            try:
                mid = Decimal(text.strip())
            except InvalidOperation:
                raise ValueError(f"FX_RATES: {item!r} is not PAIR=rate") from None
            if len(pair) != 6 or base == quote or {base, quote} - MINOR_UNITS.keys():
                raise ValueError(f"FX_RATES: {pair!r} is not two supported ISO currencies")
            exponent = mid.as_tuple().exponent
            if not mid.is_finite() or mid <= 0 or (isinstance(exponent, int) and exponent < -6):
                raise ValueError(f"FX_RATES: {item!r} needs a positive rate, at most 6 places")
            if any({base, quote} == {b, q} for b, q, _ in parsed):
                raise ValueError(f"FX_RATES: {pair} is given twice")
            parsed.append((base, quote, mid))
        return tuple(parsed)

    @property
    def webhook_secrets(self) -> tuple[bytes, ...]:
        raw = self.bank_rail_webhook_secrets.get_secret_value()
        return tuple(s.strip().encode() for s in raw.split(",") if s.strip())

    @model_validator(mode="after")
    def _check_identity(self) -> Settings:
        if self.password_min_length > self.password_max_length:
            raise ValueError("PASSWORD_MIN_LENGTH is above PASSWORD_MAX_LENGTH")
        if self.jwt_signing_keys is not None:
            from infrastructure.identity.signing_keys import parse_signing_keys

            parse_signing_keys(self.jwt_signing_keys.get_secret_value())
        if self.blind_index_key is not None:
            from infrastructure.crypto.blind_index import parse_index_key

            parse_index_key(self.blind_index_key.get_secret_value())
        return self

    @model_validator(mode="before")
    @classmethod
    def _split_origins(cls, data: object) -> object:
        if isinstance(data, dict):
            for key in ("cors_origins", "CORS_ORIGINS"):
                raw = data.get(key)
                if isinstance(raw, str):
                    data[key] = [o.strip() for o in raw.split(",") if o.strip()]
        return data

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.app_env != "production":
            return self
        problems: list[str] = []
        secret = self.secret_key.get_secret_value()
        if secret == DEV_SECRET_KEY:
            problems.append("SECRET_KEY is the development default; set a random secret")
        elif len(secret) < MIN_SECRET_LENGTH:
            problems.append(f"SECRET_KEY is shorter than {MIN_SECRET_LENGTH} characters")
        if self.debug:
            problems.append("DEBUG must be false in production")
        if not self.redis_url:
            problems.append("REDIS_URL is required in production (no single-process mode)")
        if not self.database_url:
            problems.append("DATABASE_URL is required in production (no embedded PostgreSQL)")
        if self.field_encryption_keys.get_secret_value() == DEV_FIELD_KEYS:
            problems.append("FIELD_ENCRYPTION_KEYS is the development key; set your own")
        if self.blind_index_key is None:
            problems.append("BLIND_INDEX_KEY is required in production (base64 of 32+ bytes)")
        if DEV_WEBHOOK_SECRET.encode() in self.webhook_secrets:
            problems.append("BANK_RAIL_WEBHOOK_SECRETS holds the development secret; set your own")
        if "*" in self.cors_origins:
            problems.append("CORS_ORIGINS must list origins explicitly in production, not '*'")
        if self.market_simulator_enabled:
            problems.append("MARKET_SIMULATOR_ENABLED: no simulated market in production")
        if problems:
            raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def public_market_data(self) -> bool:
        if self.market_data_public_feed is None:
            return not self.is_production
        return self.market_data_public_feed

    @property
    def single_process(self) -> bool:
        return self.redis_url is None

    @property
    def runs_embedded_worker(self) -> bool:
        return self.single_process if self.embedded_worker is None else self.embedded_worker

    @property
    def runs_market_simulator(self) -> bool:
        return bool(self.market_simulator_enabled) and not self.is_production

    @property
    def documents_path(self) -> Path:
        return (self.documents_dir or self.data_dir / "documents").resolve()

    @property
    def embedded_pg_dir(self) -> Path:
        return (self.data_dir / "pg").resolve()
