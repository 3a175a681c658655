"""The identity context's tunables, built from settings by the composition root."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import timedelta

from domain.identity.lockout import LockoutPolicy
from domain.identity.otp import OtpPurpose, OtpRules
from domain.identity.password_policy import PasswordPolicy
from domain.identity.risk import RiskPolicy
from usecases.shared.ports.rate_limiter import RateLimit


def _default_otp_rules() -> dict[OtpPurpose, OtpRules]:
    return {
        OtpPurpose.REGISTRATION: OtpRules(ttl=timedelta(minutes=10)),
        OtpPurpose.LOGIN: OtpRules(ttl=timedelta(minutes=5)),
        OtpPurpose.PASSWORD_RESET: OtpRules(
            ttl=timedelta(minutes=15), cooldown=timedelta(seconds=120)
        ),
        OtpPurpose.KYC: OtpRules(ttl=timedelta(minutes=10)),
    }


@dataclass(frozen=True, slots=True, kw_only=True)
class TokenConfig:
    access_ttl: timedelta = timedelta(minutes=15)
    refresh_ttl: timedelta = timedelta(days=7)
    challenge_ttl: timedelta = timedelta(minutes=5)


@dataclass(frozen=True, slots=True, kw_only=True)
class RateLimits:
    """Hits allowed per action: from one IP, and against one account."""

    per_ip: RateLimit = field(default_factory=lambda: RateLimit(hits=30, per_seconds=60))
    per_account: RateLimit = field(default_factory=lambda: RateLimit(hits=10, per_seconds=60))
    challenge_attempts: int = 5  # wrong codes allowed on one two-factor challenge


@dataclass(frozen=True, slots=True, kw_only=True)
class IdentityConfig:
    tokens: TokenConfig = field(default_factory=TokenConfig)
    otp: Mapping[OtpPurpose, OtpRules] = field(default_factory=_default_otp_rules)
    lockout: LockoutPolicy = field(default_factory=LockoutPolicy)
    passwords: PasswordPolicy = field(default_factory=PasswordPolicy)
    limits: RateLimits = field(default_factory=RateLimits)
    registration_ttl: timedelta = timedelta(hours=24)
    totp_issuer: str = "Meridian"
    totp_window: int = 1  # accepted time steps either side of now
    user_access_cache_seconds: int = 300
    risk: RiskPolicy = field(default_factory=RiskPolicy)
