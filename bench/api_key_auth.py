"""What authenticating with an API key costs next to a bearer token: GET /api/v1/ledger/balances
with a bearer token, the whole key (X-API-Key) and a signed request, and a signed
state-changing request (a probe POST that accepts keys with ``trade``: the signature, the
database's seen-set and the audit entry, and nothing else).

    REDIS_URL=redis://127.0.0.1:6379/6 .venv/bin/python bench/api_key_auth.py --requests 1000

In-process (httpx on the ASGI app, no network, no uvicorn), one request at a time so the
figures are per-request latencies, against DATABASE_URL's server or the embedded one, on a
scratch database it drops at the end; Redis when REDIS_URL is set (a namespace of its own).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
import uuid
from collections.abc import Callable
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.identity.request_signing import sign  # noqa: E402
from infrastructure.app import create_app  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from tests.api.identity.key_clients import PROBE, mount_probe  # noqa: E402
from tests.support.accounts import Accounts  # noqa: E402
from tests.support.admins import super_admin  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402

DATABASE = "meridian_bench_api_keys"
BALANCES = "/api/v1/ledger/balances"


def signed(key: str, method: str, target: str, body: bytes = b"") -> dict[str, str]:
    timestamp = str(time.time_ns() // 1_000_000)
    return {
        "X-MK-Key": "_".join(key.split("_")[:2]),
        "X-MK-Timestamp": timestamp,
        "X-MK-Signature": sign(key, timestamp, method, target, body),
    }


async def run(url: str, redis_url: str | None, requests: int) -> dict[str, list[float]]:
    settings = Settings(
        _env_file=None,
        database_url=url,
        redis_url=redis_url,
        redis_namespace=f"meridian-bench-{uuid.uuid4().hex[:8]}",
        embedded_worker=False,
        log_level="WARNING",
        auth_rate_limit_per_ip=10**6,
        auth_rate_limit_per_account=10**6,
    )
    container = build_container(settings, url)
    app = create_app(settings, container=container)
    mount_probe(app)
    transport = httpx.ASGITransport(app=app)
    timings: dict[str, list[float]] = {}
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        accounts = Accounts(client, container)
        root = await super_admin(app, accounts)
        user = await accounts.register()
        granted = await client.put(
            f"/api/v1/users/{user.user['code']}/platforms/api", headers=root.headers
        )
        granted.raise_for_status()

        async def new_key() -> str:
            made = await client.post(
                "/api/v1/api-keys",
                headers=user.headers,
                json={
                    "name": "bench",
                    "scopes": ["account:read", "trade"],
                    "rate_limit_per_minute": 6000,
                },
            )
            made.raise_for_status()
            return str(made.json()["secret"])

        modes: dict[str, tuple[str, str, Callable[[str], dict[str, str]]]] = {}
        bearer = user.headers
        whole, reader, writer = await new_key(), await new_key(), await new_key()
        modes["bearer GET"] = ("GET", BALANCES, lambda _: bearer)
        modes["X-API-Key GET"] = ("GET", BALANCES, lambda _: {"X-API-Key": whole})
        modes["signed GET"] = ("GET", BALANCES, lambda _: signed(reader, "GET", BALANCES))
        modes["signed POST"] = ("POST", PROBE, lambda _: signed(writer, "POST", PROBE))
        for label in modes:
            timings[label] = []
        for _ in range(2):  # interleaved rounds, the first half warms up
            for label, (method, path, headers) in modes.items():
                for _ in range(requests // 2):
                    started = time.perf_counter()
                    answer = await client.request(method, path, headers=headers(label))
                    timings[label].append((time.perf_counter() - started) * 1000)
                    if answer.status_code != 200:
                        raise SystemExit(f"{label}: {answer.status_code} {answer.text}")
                    await asyncio.sleep(0.001)  # a fresh millisecond: a fresh signature
    await container.aclose()
    return timings


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=1000, help="per mode (max 5000)")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, DATABASE))
    migrations.upgrade(url)
    try:
        timings = asyncio.run(run(url, os.environ.get("REDIS_URL"), min(args.requests, 5000)))
    finally:
        asyncio.run(drop_database(server, DATABASE))
    for label, samples in timings.items():
        measured = sorted(samples[len(samples) // 2 :])
        p50 = statistics.median(measured)
        p99 = measured[int(len(measured) * 0.99) - 1]
        print(f"{label:14} p50 {p50:6.2f} ms  p99 {p99:6.2f} ms  ({len(measured)} requests)")


if __name__ == "__main__":
    main()
