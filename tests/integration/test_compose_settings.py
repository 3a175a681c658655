"""docker-compose.yml runs the platform in production mode: the environment it gives the api
and the worker must pass production's own start-up checks (given the secrets it asks for)."""

from __future__ import annotations

import base64
import os
import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from infrastructure.config.settings import Settings

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"
SECRETS = {
    "SECRET_KEY": "s" * 48,
    "POSTGRES_PASSWORD": "0123456789abcdef",
    "FIELD_ENCRYPTION_KEYS": "k1:" + base64.b64encode(os.urandom(32)).decode(),
    "BLIND_INDEX_KEY": base64.b64encode(os.urandom(32)).decode(),
    "BANK_RAIL_WEBHOOK_SECRETS": "whsec_" + os.urandom(24).hex(),
}
_VARIABLE = re.compile(r"\$\{(\w+)(?::([?-])([^}]*))?\}")


def interpolate(value: str, given: dict[str, str]) -> str:
    def one(match: re.Match[str]) -> str:
        name, kind, default = match.groups()
        if name in given:
            return given[name]
        if kind == "?":
            raise KeyError(f"compose requires {name}")
        return default or ""

    return _VARIABLE.sub(one, value)


def service_environment(service: str, given: dict[str, str]) -> dict[str, str]:
    compose: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())
    environment = compose["services"][service]["environment"]
    return {key: interpolate(str(value), given) for key, value in environment.items()}


@pytest.mark.parametrize("service", ["api", "worker"])
def test_the_compose_environment_passes_the_production_checks(service: str) -> None:
    environment = service_environment(service, SECRETS)
    assert environment["APP_ENV"] == "production"
    settings = Settings(_env_file=None, **{k.lower(): v for k, v in environment.items()})
    assert settings.is_production
    assert not settings.runs_embedded_worker  # the worker service delivers


@pytest.mark.parametrize("missing", sorted(SECRETS))
def test_compose_refuses_to_start_without_each_secret(missing: str) -> None:
    given = {k: v for k, v in SECRETS.items() if k != missing}
    with pytest.raises(KeyError, match=missing):
        for service in ("api", "worker", "postgres"):
            service_environment(service, given)


def test_compose_names_the_trusted_proxy_explicitly() -> None:
    """The default trusts no proxy; the api behind nginx trusts the edge network only."""
    assert Settings(_env_file=None).forwarded_allow_ips == ""
    environment = service_environment("api", SECRETS)
    settings = Settings(_env_file=None, **{k.lower(): v for k, v in environment.items()})
    assert settings.forwarded_allow_ips == "172.28.80.0/24"
