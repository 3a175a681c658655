"""Tables of the identity context."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    text,
)
from sqlalchemy.dialects.postgresql import ARRAY, JSONB
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import Base


class UserRow(Base):
    __tablename__ = "users"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320), unique=True)
    phone: Mapped[str] = mapped_column(String(20), unique=True)
    password_hash: Mapped[str] = mapped_column(String(255))
    full_name: Mapped[str] = mapped_column(String(200))
    date_of_birth: Mapped[date | None] = mapped_column(Date)
    country: Mapped[str | None] = mapped_column(String(2))
    roles: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    status: Mapped[str] = mapped_column(String(16))
    failed_logins: Mapped[int] = mapped_column(Integer)
    failed_window_started_at: Mapped[datetime | None]
    locked_until: Mapped[datetime | None]
    password_changed_at: Mapped[datetime]
    tokens_valid_after: Mapped[datetime | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    code: Mapped[str] = mapped_column(String(10), unique=True)
    branch_id: Mapped[UUID | None] = mapped_column(ForeignKey("branches.id"), index=True)
    kyc_level: Mapped[int] = mapped_column(Integer)
    platforms: Mapped[list[str]] = mapped_column(ARRAY(String(16)))
    blocked_reason: Mapped[str | None] = mapped_column(String(500))
    risk_score: Mapped[int | None] = mapped_column(Integer)  # of the latest scored login

    __table_args__ = (
        CheckConstraint("status IN ('active', 'blocked')", name="status"),
        Index("ix_users_roles", "roles", postgresql_using="gin"),
        # the search's keyset orders (email and code are unique already)
        Index("ix_users_created_at_id", "created_at", "id"),
        Index("ix_users_full_name_id", "full_name", "id"),
        Index("ix_users_kyc_level_id", "kyc_level", "id"),
    )


class BranchRow(Base):
    __tablename__ = "branches"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(500))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    deleted_at: Mapped[datetime | None]


class FeatureRow(Base):
    __tablename__ = "features"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    code: Mapped[str] = mapped_column(String(10), unique=True)
    key: Mapped[str] = mapped_column(String(48), unique=True)
    name: Mapped[str] = mapped_column(String(120))
    description: Mapped[str | None] = mapped_column(String(500))
    enabled: Mapped[bool] = mapped_column(Boolean)
    requires_grant: Mapped[bool] = mapped_column(Boolean)
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]


class FeatureGrantRow(Base):
    __tablename__ = "feature_grants"

    user_id: Mapped[UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    feature_id: Mapped[UUID] = mapped_column(
        ForeignKey("features.id", ondelete="CASCADE"), primary_key=True
    )
    granted_at: Mapped[datetime]


class SecuritySettingsRow(Base):
    __tablename__ = "user_security_settings"

    user_id: Mapped[UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    require_two_factor: Mapped[bool] = mapped_column(Boolean)
    ip_allowlist: Mapped[list[str]] = mapped_column(ARRAY(String(50)))
    session_idle_timeout_seconds: Mapped[int | None] = mapped_column(Integer)
    operator_locked: Mapped[list[str]] = mapped_column(ARRAY(String(40)), server_default="{}")
    updated_at: Mapped[datetime]


class RolePolicyRow(Base):
    __tablename__ = "role_policies"

    role: Mapped[str] = mapped_column(String(64), primary_key=True)
    require_two_factor: Mapped[bool] = mapped_column(Boolean)
    updated_at: Mapped[datetime]


class ApiKeyRow(Base):
    __tablename__ = "api_keys"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    owner_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(100))
    prefix: Mapped[str] = mapped_column(String(16), unique=True)
    secret_digest: Mapped[str] = mapped_column(String(64))
    scopes: Mapped[list[str]] = mapped_column(ARRAY(String(64)))
    rate_limit_per_minute: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime | None]
    revoked_at: Mapped[datetime | None]
    rotated_at: Mapped[datetime | None]
    last_used_at: Mapped[datetime | None]
    last_used_ip: Mapped[str | None] = mapped_column(String(64))
    # the secret sealed under the field-encryption keys (context ``api_key:<id>``), to check
    # signatures; NULL for keys made before signing existed
    sealed_secret: Mapped[str | None] = mapped_column(Text)
    ip_allowlist: Mapped[list[str]] = mapped_column(ARRAY(String(50)), server_default="{}")

    __table_args__ = (  # one owner's keys, newest first
        Index("ix_api_keys_owner_id_created_at_id", "owner_id", "created_at", "id"),
    )


class ApiKeySignatureRow(Base):
    """Signatures of state-changing signed requests already accepted: the truth for replay
    protection (Redis only answers for reads). Kept a little longer than the window."""

    __tablename__ = "api_key_signatures"

    key_id: Mapped[UUID] = mapped_column(
        ForeignKey("api_keys.id", ondelete="CASCADE"), primary_key=True
    )
    signature: Mapped[str] = mapped_column(String(64), primary_key=True)
    seen_at: Mapped[datetime]

    __table_args__ = (Index("ix_api_key_signatures_key_id_seen_at", "key_id", "seen_at"),)


class RegistrationRow(Base):
    __tablename__ = "registrations"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    email: Mapped[str] = mapped_column(String(320))
    phone: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(255))
    email_verified_at: Mapped[datetime | None]
    phone_verified_at: Mapped[datetime | None]
    completed_at: Mapped[datetime | None]
    user_id: Mapped[UUID | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]
    expires_at: Mapped[datetime] = mapped_column(index=True)


class OneTimeCodeRow(Base):
    __tablename__ = "one_time_codes"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    purpose: Mapped[str] = mapped_column(String(32))
    destination: Mapped[str] = mapped_column(String(320))
    subject: Mapped[str] = mapped_column(String(64))
    code_digest: Mapped[str] = mapped_column(String(64))
    attempts: Mapped[int] = mapped_column(Integer)
    max_attempts: Mapped[int] = mapped_column(Integer)
    created_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    verified_at: Mapped[datetime | None]
    consumed_at: Mapped[datetime | None]
    ticket_digest: Mapped[str | None] = mapped_column(String(64), unique=True)

    __table_args__ = (
        Index("ix_one_time_codes_destination_created_at", "destination", "created_at"),
        Index("ix_one_time_codes_subject_purpose", "subject", "purpose"),
    )


class SessionRow(Base):
    __tablename__ = "auth_sessions"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    device_key: Mapped[str] = mapped_column(String(64))
    device_label: Mapped[str] = mapped_column(String(200))
    device_id: Mapped[str | None] = mapped_column(String(128))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    ip: Mapped[str | None] = mapped_column(String(64))
    created_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(40))

    __table_args__ = (
        Index(
            "ix_auth_sessions_active",
            "user_id",
            "created_at",
            postgresql_where=text("revoked_at IS NULL"),
        ),
    )


class RefreshTokenRow(Base):
    __tablename__ = "refresh_tokens"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    session_id: Mapped[UUID] = mapped_column(
        ForeignKey("auth_sessions.id", ondelete="CASCADE"), index=True
    )
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    token_digest: Mapped[str] = mapped_column(String(64), unique=True)
    issued_at: Mapped[datetime]
    expires_at: Mapped[datetime]
    used_at: Mapped[datetime | None]


class KnownDeviceRow(Base):
    __tablename__ = "known_devices"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    device_key: Mapped[str] = mapped_column(String(64))
    label: Mapped[str] = mapped_column(String(200))
    browser: Mapped[str | None] = mapped_column(String(100))
    os: Mapped[str | None] = mapped_column(String(100))
    first_seen_at: Mapped[datetime]
    last_seen_at: Mapped[datetime]
    last_ip: Mapped[str | None] = mapped_column(String(64))

    __table_args__ = (UniqueConstraint("user_id", "device_key"),)


class TotpCredentialRow(Base):
    __tablename__ = "totp_credentials"

    user_id: Mapped[UUID] = mapped_column(
        ForeignKey("users.id", ondelete="CASCADE"), primary_key=True
    )
    sealed_secret: Mapped[str] = mapped_column(Text)
    created_at: Mapped[datetime]
    enabled_at: Mapped[datetime | None]
    last_used_step: Mapped[int | None] = mapped_column(BigInteger)


class RecoveryCodeRow(Base):
    __tablename__ = "recovery_codes"

    id: Mapped[int] = mapped_column(BigInteger, primary_key=True, autoincrement=True)
    user_id: Mapped[UUID] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"))
    code_digest: Mapped[str] = mapped_column(String(64))
    created_at: Mapped[datetime]
    used_at: Mapped[datetime | None]

    __table_args__ = (UniqueConstraint("user_id", "code_digest"),)


class LoginActivityRow(Base):
    __tablename__ = "login_activity"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    event: Mapped[str] = mapped_column(String(40))
    succeeded: Mapped[bool]
    user_id: Mapped[UUID | None]
    reason: Mapped[str | None] = mapped_column(String(200))
    identifier: Mapped[str | None] = mapped_column(String(320))
    ip: Mapped[str | None] = mapped_column(String(64))
    user_agent: Mapped[str | None] = mapped_column(String(512))
    browser: Mapped[str | None] = mapped_column(String(100))
    os: Mapped[str | None] = mapped_column(String(100))
    device_id: Mapped[str | None] = mapped_column(String(128))
    session_id: Mapped[UUID | None]
    request_id: Mapped[str | None] = mapped_column(String(128))
    occurred_at: Mapped[datetime]
    risk_score: Mapped[int | None] = mapped_column(Integer)
    risk_reasons: Mapped[list[dict[str, Any]] | None] = mapped_column(JSONB)

    __table_args__ = (
        Index("ix_login_activity_user_id_occurred_at", "user_id", "occurred_at"),
        Index("ix_login_activity_ip_occurred_at", "ip", "occurred_at"),
    )
