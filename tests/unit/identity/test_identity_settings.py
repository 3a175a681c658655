"""Identity settings: weak JWT keys and impossible password bounds stop the start-up."""

from __future__ import annotations

import base64

import pytest
from pydantic import ValidationError

from infrastructure.config.settings import Settings
from infrastructure.identity.config import identity_config


def settings(**values: object) -> Settings:
    return Settings(_env_file=None, **values)


def test_jwt_keys_shorter_than_256_bits_are_refused() -> None:
    weak = base64.b64encode(b"s" * 16).decode()
    with pytest.raises(ValidationError, match="at least 32"):
        settings(jwt_signing_keys=f"k1:{weak}")
    strong = base64.b64encode(b"s" * 32).decode()
    assert settings(jwt_signing_keys=f"k1:{strong}").jwt_signing_keys is not None


def test_only_hmac_algorithms_of_256_bits_or_more_are_allowed() -> None:
    with pytest.raises(ValidationError):
        settings(jwt_algorithm="none")
    with pytest.raises(ValidationError):
        settings(jwt_algorithm="RS256")


def test_password_bounds_must_make_sense() -> None:
    with pytest.raises(ValidationError, match="PASSWORD_MIN_LENGTH"):
        settings(password_min_length=100, password_max_length=64)


def test_settings_become_the_context_configuration() -> None:
    config = identity_config(
        settings(otp_ttl_login_seconds=120, lockout_threshold=3, auth_rate_limit_per_ip=7)
    )
    assert config.otp["login"].ttl.total_seconds() == 120
    assert config.otp["password_reset"].cooldown.total_seconds() == 120
    assert config.lockout.threshold == 3
    assert config.limits.per_ip.hits == 7
    assert config.tokens.access_ttl.total_seconds() == 900
