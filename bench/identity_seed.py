"""Bench accounts for the identity scenarios, idempotently, and a token for one of them.

    .venv/bin/python bench/identity_seed.py [--accounts N] [--token-file PATH]

Creates ``bench-<i>@example.com`` (mobile ``+9198000<i>``) for i < N with the password
``BENCH_PASSWORD`` (default below), hashed once with the configured Argon2id parameters, in
the database of DATABASE_URL (migrated first). With ``--token-file`` it also logs account 0 in
through the real login use case and writes its access token there (for ``identity_me``).
Run by the identity scenarios' setup; settings come from the environment like the server's.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import sys
from pathlib import Path

from sqlalchemy.dialects.postgresql import insert

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from adapters.persistence.identity.models import UserRow  # noqa: E402
from domain.shared.ids import new_uuid  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.resolve import resolve_database_url  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from infrastructure.wiring.identity.collaborators import password_hasher  # noqa: E402
from usecases.identity.authentication.login import Login, LoginHandler  # noqa: E402
from usecases.identity.public.authenticator import RequestOrigin  # noqa: E402

PASSWORD = os.environ.get("BENCH_PASSWORD", "bench kettle orbit sandal")


def email(i: int) -> str:
    return f"bench-{i}@example.com"


def phone(i: int) -> str:
    return f"+9198000{i:05d}"


async def seed(accounts: int, *, with_token: bool) -> str | None:
    """Create the accounts; with ``with_token``, log account 0 in and return its access token."""
    settings = Settings()
    url = await resolve_database_url(settings)
    await asyncio.to_thread(migrations.upgrade, url)
    container = build_container(settings, url)
    try:
        password_hash = await password_hasher(settings).hash(PASSWORD)
        now = container.clock.now()
        rows = [
            {
                "id": new_uuid(),
                "email": email(i),
                "phone": phone(i),
                "password_hash": password_hash,
                "full_name": f"Bench User {i}",
                "roles": ["user"],
                "code": f"USR-B{i:05d}",
                "kyc_level": 0,
                "platforms": ["web", "mobile", "api"],
                "status": "active",
                "failed_logins": 0,
                "password_changed_at": now,
                "created_at": now,
                "updated_at": now,
            }
            for i in range(accounts)
        ]
        async with container.engine.begin() as conn:
            await conn.execute(insert(UserRow).values(rows).on_conflict_do_nothing())
        if not with_token:
            return None
        login = build_registry(container).resolve(LoginHandler)
        outcome = await login.execute(
            Login(
                identifier=email(0),
                password=PASSWORD,
                device_id="bench-seed",
                origin=RequestOrigin(ip=None, user_agent="bench", request_id=None),
            )
        )
        assert outcome.tokens is not None, "bench account 0 has two-factor on"
        return outcome.tokens.access_token
    finally:
        await container.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--accounts", type=int, default=1000)
    parser.add_argument("--token-file", type=Path)
    args = parser.parse_args()
    token = asyncio.run(seed(args.accounts, with_token=args.token_file is not None))
    if args.token_file is not None and token is not None:
        args.token_file.write_text(token)


if __name__ == "__main__":
    main()
