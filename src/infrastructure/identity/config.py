"""The identity context's configuration, read from Settings."""

from __future__ import annotations

from datetime import timedelta

from domain.identity.lockout import LockoutPolicy
from domain.identity.otp import OtpPurpose, OtpRules
from domain.identity.password_policy import PasswordPolicy
from domain.identity.risk import RiskAction, RiskPolicy
from infrastructure.config.settings import Settings
from usecases.identity.config import IdentityConfig, RateLimits, TokenConfig
from usecases.shared.ports.rate_limiter import RateLimit


def _seconds(value: int) -> timedelta:
    return timedelta(seconds=value)


def identity_config(settings: Settings) -> IdentityConfig:
    s = settings

    def otp(ttl: int, cooldown: int = s.otp_cooldown_seconds) -> OtpRules:
        return OtpRules(
            ttl=_seconds(ttl),
            max_attempts=s.otp_max_attempts,
            cooldown=_seconds(cooldown),
            daily_cap=s.otp_daily_cap,
        )

    return IdentityConfig(
        tokens=TokenConfig(
            access_ttl=_seconds(s.access_token_ttl_seconds),
            refresh_ttl=_seconds(s.refresh_token_ttl_seconds),
            challenge_ttl=_seconds(s.two_factor_challenge_ttl_seconds),
        ),
        otp={
            OtpPurpose.REGISTRATION: otp(s.otp_ttl_registration_seconds),
            OtpPurpose.LOGIN: otp(s.otp_ttl_login_seconds),
            OtpPurpose.PASSWORD_RESET: otp(
                s.otp_ttl_password_reset_seconds, s.otp_cooldown_password_reset_seconds
            ),
            OtpPurpose.KYC: otp(s.otp_ttl_kyc_seconds),
        },
        lockout=LockoutPolicy(
            threshold=s.lockout_threshold,
            window=_seconds(s.lockout_window_seconds),
            duration=_seconds(s.lockout_duration_seconds),
        ),
        passwords=PasswordPolicy(
            min_length=s.password_min_length,
            max_length=s.password_max_length,
            min_score=s.password_min_strength,
        ),
        limits=RateLimits(
            per_ip=RateLimit(s.auth_rate_limit_per_ip, s.auth_rate_limit_window_seconds),
            per_account=RateLimit(s.auth_rate_limit_per_account, s.auth_rate_limit_window_seconds),
            challenge_attempts=s.two_factor_challenge_attempts,
        ),
        registration_ttl=_seconds(s.registration_ttl_seconds),
        totp_issuer=s.totp_issuer,
        risk=RiskPolicy(
            challenge_threshold=s.risk_challenge_threshold,
            block_threshold=s.risk_block_threshold,
            action=RiskAction(s.risk_action_above_challenge),
        ),
    )
