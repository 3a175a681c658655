"""CPU per request of ``/healthz`` and ``GET /api/v1/users/me``, the ASGI app called in-process.

    DATABASE_URL=... REDIS_URL=... .venv/bin/python bench/reads_profile.py \
        [--requests 3000] [--rounds 3] [--profile me|healthz] [--top 40] [--dump FILE]

No HTTP server, load generator or network: the app built as ``meridian serve`` builds it
(settings from the environment, its lifespan run), one request at a time, timed with
``time.process_time``. Seeds one bench account (``bench/identity_seed.py``) and reads its own
profile with a real access token, so the principal's cache round trip goes to Redis when
``REDIS_URL`` is set. ``--profile`` runs the named target under cProfile (process-time clock)
after the timed rounds and prints the top functions by own time and by cumulative time.
"""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import os
import pstats
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))

import identity_seed  # noqa: E402

from infrastructure.app import create_app  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.logging_setup import configure_logging  # noqa: E402


def _scope(path: str, token: str | None) -> dict[str, Any]:
    headers = [(b"host", b"127.0.0.1:8000"), (b"user-agent", b"reads-profile")]
    if token is not None:
        headers.append((b"authorization", f"Bearer {token}".encode()))
    return {
        "type": "http",
        "asgi": {"version": "3.0", "spec_version": "2.3"},
        "http_version": "1.1",
        "method": "GET",
        "scheme": "http",
        "path": path,
        "raw_path": path.encode(),
        "root_path": "",
        "query_string": b"",
        "headers": headers,
        "client": ("127.0.0.1", 40000),
        "server": ("127.0.0.1", 8000),
        "state": {},
    }


async def _receive() -> dict[str, Any]:
    return {"type": "http.request", "body": b"", "more_body": False}


async def _request(app: Any, path: str, token: str | None) -> int:
    status = 0

    async def send(message: dict[str, Any]) -> None:
        nonlocal status
        if message["type"] == "http.response.start":
            status = message["status"]

    await app(_scope(path, token), _receive, send)
    return status


async def _timed(app: Any, path: str, token: str | None, n: int) -> float:
    started = time.process_time()
    for _ in range(n):
        status = await _request(app, path, token)
        if status != 200:
            raise SystemExit(f"{path} answered {status}")
    return (time.process_time() - started) / n * 1e6


async def main(args: argparse.Namespace) -> None:
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    os.environ.setdefault("EMBEDDED_WORKER", "false")
    token = await identity_seed.seed(1, with_token=True)
    settings = Settings()
    configure_logging(settings.log_level, json_lines=settings.log_json)
    app = create_app(settings)
    targets = {"healthz": ("/healthz", None), "me": ("/api/v1/users/me", token)}
    async with app.router.lifespan_context(app):
        for path, tok in targets.values():
            await _timed(app, path, tok, 200)  # warm: caches, token memo, pools
        for r in range(args.rounds):
            figures = {
                name: await _timed(app, path, tok, args.requests)
                for name, (path, tok) in targets.items()
            }
            print(
                f"round {r + 1}: /healthz {figures['healthz']:7.1f} µs CPU, "
                f"/users/me {figures['me']:7.1f} µs CPU, "
                f"ratio of req/s {figures['healthz'] / figures['me']:.2f}"
            )
        if args.profile:
            path, tok = targets[args.profile]
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(args.requests):
                await _request(app, path, tok)
            profiler.disable()
            if args.dump:
                profiler.dump_stats(args.dump)
            stats = pstats.Stats(profiler)
            stats.sort_stats("tottime").print_stats(args.top)
            stats.sort_stats("cumulative").print_stats(args.top)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=3000)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--profile", choices=("me", "healthz"))
    parser.add_argument("--top", type=int, default=40)
    parser.add_argument("--dump", type=Path, help="also write the profile's stats to this file")
    asyncio.run(main(parser.parse_args()))
