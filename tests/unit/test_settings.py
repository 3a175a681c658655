import pytest
from pydantic import ValidationError

from infrastructure.config.settings import (
    DEV_FIELD_KEYS,
    DEV_SECRET_KEY,
    DEV_WEBHOOK_SECRET,
    Settings,
)

STRONG = "x" * 48


def production(**overrides: object) -> Settings:
    values: dict[str, object] = {
        "app_env": "production",
        "secret_key": STRONG,
        "database_url": "postgresql://db/meridian",
        "redis_url": "redis://cache:6379/0",
        "debug": False,
        "field_encryption_keys": "k2:" + "A" * 43 + "=",
        "blind_index_key": "B" * 43 + "=",
        "bank_rail_webhook_secrets": "whsec-" + "c" * 40,
    }
    values.update(overrides)
    return Settings(_env_file=None, **values)


def test_a_safe_production_configuration_starts() -> None:
    assert production().is_production


@pytest.mark.parametrize(
    ("overrides", "named"),
    [
        ({"secret_key": DEV_SECRET_KEY}, "SECRET_KEY is the development default"),
        ({"secret_key": "short"}, "SECRET_KEY is shorter than 32"),
        ({"debug": True}, "DEBUG must be false"),
        ({"redis_url": None}, "REDIS_URL is required"),
        ({"database_url": None}, "DATABASE_URL is required"),
        ({"cors_origins": "*"}, "CORS_ORIGINS"),
        ({"field_encryption_keys": DEV_FIELD_KEYS}, "FIELD_ENCRYPTION_KEYS is the development"),
        ({"blind_index_key": None}, "BLIND_INDEX_KEY is required in production"),
        ({"bank_rail_webhook_secrets": DEV_WEBHOOK_SECRET}, "BANK_RAIL_WEBHOOK_SECRETS holds"),
        ({"blind_index_key": "c2hvcnQ="}, "BLIND_INDEX_KEY must decode to at least 32 bytes"),
    ],
)
def test_production_refuses_unsafe_settings_naming_them(
    overrides: dict[str, object], named: str
) -> None:
    with pytest.raises(ValidationError, match=named):
        production(**overrides)


def test_development_runs_on_defaults_in_single_process_mode(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("REDIS_URL", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None)
    assert settings.single_process
    assert settings.database_url is None


def test_cors_origins_come_from_a_comma_list(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CORS_ORIGINS", "https://app.example, https://admin.example")
    assert Settings(_env_file=None).cors_origins == ["https://app.example", "https://admin.example"]


def test_the_secret_never_shows_in_the_settings_repr() -> None:
    assert STRONG not in repr(production())


def test_kyc_levels_from_the_environment_change_only_the_capabilities_they_name(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KYC_REQUIRED_LEVELS", '{"deposit": 3}')
    levels = Settings(_env_file=None).kyc_required_levels
    assert levels["deposit"] == 3
    assert levels["convert"] == 2  # a capability it did not name keeps its default
    assert levels["withdraw"] == 3


def test_an_unknown_kyc_capability_is_refused_at_start_up(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setenv("KYC_REQUIRED_LEVELS", '{"deposits": 1}')
    with pytest.raises(ValidationError, match="unknown capability deposits"):
        Settings(_env_file=None)
