"""``meridian serve`` trusts no proxy by default: a client reaching it directly cannot spread
its requests over made-up ``X-Forwarded-For`` addresses to slip past the per-IP limits."""

from __future__ import annotations

import sys
from pathlib import Path

import httpx

from tests.support.live_server import free_port, start_process, stop_server

MERIDIAN = str(Path(sys.executable).with_name("meridian"))


def _statuses(port: int) -> list[int]:
    statuses = []
    for n in range(4):
        response = httpx.post(
            f"http://127.0.0.1:{port}/api/v1/auth/forgot-password",
            json={"identifier": f"nobody{n}@example.com"},
            headers={"X-Forwarded-For": f"203.0.113.{n + 1}"},
            timeout=10,
        )
        statuses.append(response.status_code)
    return statuses


def _serve(database_url: str, tmp_path: Path, env: dict[str, str]) -> list[int]:
    port = free_port()
    limits = {"AUTH_RATE_LIMIT_PER_IP": "2", "AUTH_RATE_LIMIT_PER_ACCOUNT": "50"}
    process = start_process(
        [MERIDIAN, "serve", "--host", "127.0.0.1", "--port", str(port)],
        database_url,
        port,
        tmp_path / "serve.log",
        limits | env,
        within=60,
    )
    try:
        return _statuses(port)
    finally:
        stop_server(process)


def test_a_direct_client_cannot_spoof_its_address_by_default(
    database_url: str, tmp_path: Path
) -> None:
    statuses = _serve(database_url, tmp_path, {})  # FORWARDED_ALLOW_IPS unset
    assert statuses[:2] == [202, 202], statuses
    assert statuses[2:] == [429, 429], statuses  # one address: the header was ignored


def test_a_trusted_proxy_address_is_honoured(database_url: str, tmp_path: Path) -> None:
    statuses = _serve(database_url, tmp_path, {"FORWARDED_ALLOW_IPS": "127.0.0.1"})
    assert statuses == [202, 202, 202, 202]  # four client addresses behind the proxy
