"""CPU of one login in-process next to one bare Argon2id verify in the same process.

    .venv/bin/python bench/login_cpu.py [--rounds 3] [--logins 60] [--verifies 20] [--profile]

``POST /api/v1/auth/login`` called straight into the ASGI app (middleware, routing, the use
case, the hash in its worker thread, PostgreSQL and Redis round trips; no HTTP client or
server), one request at a time, over ``--logins`` seeded accounts in turn with another client
address each time (so no rate limit is hit; a warm-up pass makes every account's device
known, as in the wrk scenario, whose 1 000 accounts keep their device ids); the CPU is this
process's (``time.process_time``: every thread, the hashing ones included), not PostgreSQL's or
Redis's. Each round is followed by bare verifies of a hash with the configured parameters
(argon2-cffi, no I/O), so the ratio compares CPU spent under the same load, and by as many
verifies through the server's own hasher (its library, its worker thread), which tells the
hash's share of the difference. ``--profile`` runs one more round under cProfile (wall
time: the hash shows as the event loop's wait) and prints the functions with the most own
time; ``--no-hash`` stubs the password check out of the logins (it answers "matches" at once),
so the login figure is the CPU of everything else; ``--new-devices`` makes every login a first
one from its device (the new-device notice, a second activity row), as in side_by_side.py's
short login phase, where few of its 1 000 accounts log in twice.

Works on its own scratch database (``meridian_login_cpu_<pid>``, next to DATABASE_URL's,
dropped at the end) and REDIS_URL (rate-limit keys of distinct accounts and addresses)."""

from __future__ import annotations

import argparse
import asyncio
import cProfile
import json
import os
import pstats
import sys
import time
from pathlib import Path
from typing import cast

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from argon2 import PasswordHasher, Type  # noqa: E402

PASSWORD = "bench kettle orbit sandal"  # noqa: S105  (identity_seed.py's default)


def bare_verify_ms(hasher: PasswordHasher, stored: str, count: int) -> float:
    started = time.process_time()
    for _ in range(count):
        hasher.verify(stored, PASSWORD)
    return (time.process_time() - started) * 1000 / count


async def run(args: argparse.Namespace) -> None:
    import identity_seed

    from infrastructure.app import create_app
    from infrastructure.config.settings import Settings
    from infrastructure.container import build_container
    from infrastructure.database import migrations
    from infrastructure.database.url import with_database
    from infrastructure.wiring.identity.collaborators import password_hasher
    from tests.support.databases import drop_database, recreate_database

    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    name = f"meridian_login_cpu_{os.getpid()}"
    await recreate_database(base, name)
    url = with_database(base, name)
    os.environ["DATABASE_URL"] = url
    try:
        await asyncio.to_thread(migrations.upgrade, url)
        await identity_seed.seed(args.logins, with_token=False)
        settings = Settings()
        container = build_container(settings, url)
        app = create_app(container=container)
        hasher = PasswordHasher(
            time_cost=settings.argon2_time_cost,
            memory_cost=settings.argon2_memory_kib,
            parallelism=settings.argon2_parallelism,
            type=Type.ID,
        )
        stored = hasher.hash(PASSWORD)
        ours = password_hasher(settings)  # the server's hasher: its thread, its library
        if args.no_hash:
            # every login's verify answers "matches" at once: what is left is the rest's CPU
            from infrastructure.identity.password_hasher import Argon2PasswordHasher
            from usecases.identity.passwords.ports import PasswordCheck

            async def matches(self: object, password: str, stored_hash: str | None) -> object:
                return PasswordCheck(matches=True)

            Argon2PasswordHasher.verify = matches  # type: ignore[method-assign,assignment]

        async def hasher_verify_ms(count: int) -> float:
            started = time.process_time()
            for _ in range(count):
                assert (await ours.verify(PASSWORD, stored)).matches
            return (time.process_time() - started) * 1000 / count if count else float("nan")

        counter = 0

        async def call(i: int) -> tuple[int, bytes]:
            """One login straight into the ASGI app (no HTTP client or server in the way)."""
            body = json.dumps(
                {
                    "identifier": identity_seed.email(i % args.logins),
                    "password": PASSWORD,
                    "device_id": f"bench-{i if args.new_devices else i % args.logins}",
                }
            ).encode()
            scope = {
                "type": "http",
                "asgi": {"version": "3.0"},
                "http_version": "1.1",
                "method": "POST",
                "scheme": "http",
                "path": "/api/v1/auth/login",
                "raw_path": b"/api/v1/auth/login",
                "query_string": b"",
                "root_path": "",
                "headers": [
                    (b"host", b"bench"),
                    (b"content-type", b"application/json"),
                    (b"content-length", str(len(body)).encode()),
                    (b"user-agent", b"bench/1.0"),
                ],
                # another address each login: the per-address limit stays out of the way
                "client": (f"10.{i // 62500 % 256}.{i // 250 % 250}.{i % 250 + 1}", 40000),
                "server": ("bench", 80),
                "state": {},
            }
            sent = False
            status, chunks = 0, []

            async def receive() -> dict[str, object]:
                nonlocal sent
                if not sent:
                    sent = True
                    return {"type": "http.request", "body": body, "more_body": False}
                await asyncio.sleep(3600)
                return {"type": "http.disconnect"}

            async def send(message: dict[str, object]) -> None:
                nonlocal status
                if message["type"] == "http.response.start":
                    status = int(cast(int, message["status"]))
                elif message["type"] == "http.response.body":
                    chunks.append(cast(bytes, message.get("body", b"")))

            await app(scope, receive, send)
            return status, b"".join(chunks)

        async def login_round(count: int) -> float:
            """``count`` logins, one at a time, over the accounts in turn (each account once a
            round: its device is known from the warm-up on), CPU ms a login."""
            nonlocal counter
            cpu = 0.0
            for _ in range(count):
                i = counter
                counter += 1
                started = time.process_time()
                status, answer = await call(i)
                cpu += time.process_time() - started
                if status != 200:
                    raise SystemExit(f"login {i}: {status} {answer[:300]!r}")
            return cpu * 1000 / count

        await login_round(args.logins)  # warm-up: every account's device, pools, statements
        bare_verify_ms(hasher, stored, 3)
        logins, bares, threaded = [], [], []
        for r in range(args.rounds):
            logins.append(await login_round(args.logins))
            bares.append(bare_verify_ms(hasher, stored, args.verifies))
            threaded.append(await hasher_verify_ms(0 if args.no_hash else args.verifies))
            print(
                f"round {r + 1}: login {logins[-1]:6.2f} ms CPU, bare verify {bares[-1]:6.2f} ms"
                f" CPU, ratio {logins[-1] / bares[-1]:.2f}x; the server's hasher (its thread)"
                f" {threaded[-1]:6.2f} ms",
                flush=True,
            )
        login_med, bare_med = sorted(logins)[len(logins) // 2], sorted(bares)[len(bares) // 2]
        print(
            f"median: login {login_med:.2f} ms, bare verify {bare_med:.2f} ms, "
            f"ratio {login_med / bare_med:.2f}x (target <= 1.3x)"
        )
        if args.profile:
            profiler = cProfile.Profile()  # wall time: the hash waits in poll
            profiler.enable()
            await login_round(args.logins)
            profiler.disable()
            stats = pstats.Stats(profiler)
            stats.sort_stats("tottime").print_stats(35)
            stats.sort_stats("cumulative").print_stats(60)
        await container.aclose()
    finally:
        await drop_database(base, name)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--logins", type=int, default=60)
    parser.add_argument("--verifies", type=int, default=20)
    parser.add_argument("--profile", action="store_true")
    parser.add_argument(
        "--no-hash", action="store_true", help="the login's CPU besides the hash (verify stubbed)"
    )
    parser.add_argument(
        "--new-devices", action="store_true", help="every login from a device new to its account"
    )
    asyncio.run(run(parser.parse_args()))


if __name__ == "__main__":
    main()
