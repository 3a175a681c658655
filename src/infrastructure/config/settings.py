"""Settings from the environment (and an optional ``.env`` file). Every variable is documented
in ``.env.example`` and the README; production refuses unsafe values at start-up."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Literal

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

DEV_SECRET_KEY = "dev-only-secret-key-change-me-0123456789abcdef"  # noqa: S105  (public default)
# Public development key for field encryption; production refuses it.
DEV_FIELD_KEYS = "dev1:ZGV2LW9ubHktZmllbGQta2V5LTMyLWJ5dGVzLWxvbmc="
MIN_SECRET_LENGTH = 32


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

    redis_url: str | None = None
    redis_namespace: str = "meridian"

    host: str = "127.0.0.1"
    port: int = Field(default=8000, ge=1, le=65535)
    workers: int = Field(default=1, ge=1, le=64)

    cors_origins: Annotated[list[str], NoDecode] = Field(default_factory=list)
    max_body_bytes: int = Field(default=1_048_576, ge=1024)
    log_level: Literal["DEBUG", "INFO", "WARNING", "ERROR"] = "INFO"
    log_json: bool = True

    # --- crypto ------------------------------------------------------------------------
    # Comma list of "<id>:<base64 32-byte key>"; the first seals, all open (rotation).
    field_encryption_keys: SecretStr = SecretStr(DEV_FIELD_KEYS)

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
        if "*" in self.cors_origins:
            problems.append("CORS_ORIGINS must list origins explicitly in production, not '*'")
        if problems:
            raise ValueError("unsafe production settings: " + "; ".join(problems))
        return self

    @property
    def is_production(self) -> bool:
        return self.app_env == "production"

    @property
    def single_process(self) -> bool:
        return self.redis_url is None

    @property
    def runs_embedded_worker(self) -> bool:
        return self.single_process if self.embedded_worker is None else self.embedded_worker

    @property
    def embedded_pg_dir(self) -> Path:
        return (self.data_dir / "pg").resolve()
