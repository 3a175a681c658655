"""docker-compose.yml partitions the order books over dedicated matcher services: together
they name every partition once, and the api and the worker only forward to them."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import yaml

from infrastructure.cli.matcher_command import parse_partitions
from infrastructure.config.settings import Settings

COMPOSE = Path(__file__).resolve().parents[2] / "docker-compose.yml"


def test_the_matcher_services_own_every_partition_once_and_the_api_forwards() -> None:
    services: dict[str, Any] = yaml.safe_load(COMPOSE.read_text())["services"]
    partitions = Settings(_env_file=None).trading_partitions
    matchers = {
        name: service["command"]
        for name, service in services.items()
        if service.get("command", [])[:2] == ["meridian", "matcher"]
    }
    assert len(matchers) >= 2
    owned = [p for command in matchers.values() for p in parse_partitions(command[-1], partitions)]
    assert sorted(owned) == list(range(partitions))  # every partition, each by one service
    for name in ("api", "worker"):
        assert services[name]["environment"]["TRADING_MATCHERS"] == "dedicated"
