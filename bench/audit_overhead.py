"""Audit overhead on a write endpoint: PUT /api/v1/notifications/preferences with the audit
record written (the product) and with the writer replaced by a no-op (the baseline).

    .venv/bin/python bench/audit_overhead.py --requests 2000 --concurrency 8

In-process (httpx on the ASGI app, no network, no uvicorn), against DATABASE_URL's server or
the embedded one, on a scratch database it drops at the end. Each request toggles one
preference, so every request is a real write with a real audit entry (one advisory-locked
append to the hash chain).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import adapters.persistence.unit_of_work as uow_module  # noqa: E402
from infrastructure.app import create_app  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from tests.support.accounts import Accounts  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402

WRITER = uow_module.append_audit


async def _no_audit(*args: object) -> None:
    return None


async def run(url: str, requests: int, concurrency: int, audited: bool) -> float:
    uow_module.append_audit = WRITER if audited else _no_audit  # type: ignore[assignment]
    settings = Settings(
        _env_file=None,
        database_url=url,
        embedded_worker=False,
        log_level="WARNING",
        auth_rate_limit_per_ip=10**6,
        auth_rate_limit_per_account=10**6,
    )
    container = build_container(settings, url)
    app = create_app(settings, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bench") as client:
        users = [await Accounts(client, container).register() for _ in range(concurrency)]
        per_user = requests // concurrency

        async def writer(i: int) -> None:
            headers = users[i].headers
            for n in range(per_user):
                body = {
                    "preferences": [
                        {"category": "marketing", "channel": "email", "enabled": n % 2 == 0}
                    ]
                }
                response = await client.put(
                    "/api/v1/notifications/preferences", json=body, headers=headers
                )
                response.raise_for_status()

        started = time.perf_counter()
        await asyncio.gather(*(writer(i) for i in range(concurrency)))
        elapsed = time.perf_counter() - started
    await container.aclose()
    return per_user * concurrency / elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, "meridian_bench_audit"))
    migrations.upgrade(url)
    try:
        for audited in (False, True, False, True):
            rate = asyncio.run(run(url, args.requests, args.concurrency, audited))
            print(
                f"audit={'on ' if audited else 'off'} {rate:.0f} writes/s "
                f"({args.requests} requests, {args.concurrency} concurrent)"
            )
    finally:
        asyncio.run(drop_database(server, "meridian_bench_audit"))


if __name__ == "__main__":
    main()
