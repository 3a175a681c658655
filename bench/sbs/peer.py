"""The DRF peer (Django + DRF + SimpleJWT under gunicorn), started as its run.sh does but in the
foreground of its own process group, on our scratch database, with as many workers as Meridian.
Its code is not ours and is never copied into this repository: the run takes its directory."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from sbs.processes import Managed, free_port, wait_http

PACKAGES = ["django", "djangorestframework", "djangorestframework-simplejwt", "gunicorn"]
PACKAGES.append("psycopg[binary]")


def ensure_venv(venv: Path) -> None:
    """The peer's virtualenv (outside the repository's tracked files); built on first use."""
    if (venv / "bin" / "gunicorn").exists():
        return
    print(f"building the DRF peer's virtualenv in {venv} (once)", flush=True)
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    subprocess.run([str(venv / "bin" / "pip"), "install", "--quiet", *PACKAGES], check=True)


def peer_env(database_url: str, db_name: str) -> dict[str, str]:
    parts = urlsplit(database_url.replace("+asyncpg", ""))
    env = {
        **os.environ,
        "PGHOST": parts.hostname or "127.0.0.1",
        "PGPORT": str(parts.port or 5432),
        "PGUSER": parts.username or "postgres",
        "PEER_DB": db_name,
    }
    if parts.password:
        env["PGPASSWORD"] = parts.password
    return env


def start_peer(
    peer_dir: Path, venv: Path, *, workers: int, database_url: str, db_name: str, log: Path
) -> tuple[Managed, str, str]:
    """Migrate the peer's (existing, empty) database, make its bench user's token, start
    gunicorn; returns the process, its base URL and the bearer token."""
    env = peer_env(database_url, db_name)
    python = str(venv / "bin" / "python")
    with log.open("ab") as out:
        subprocess.run(
            [python, "manage.py", "migrate", "-v", "0"],
            cwd=peer_dir,
            env=env,
            check=True,
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    token = subprocess.run(
        [python, "mktoken.py"], cwd=peer_dir, env=env, check=True, capture_output=True, text=True
    ).stdout.strip()
    port = free_port()
    argv = [str(venv / "bin" / "gunicorn"), "peer.wsgi:application", "-w", str(workers)]
    argv += ["-b", f"127.0.0.1:{port}", "--log-level", "warning"]
    proc = Managed("drf peer", argv, cwd=peer_dir, env=env, log=log)
    base = f"http://127.0.0.1:{port}"
    wait_http(f"{base}/healthz", proc, timeout=60)
    return proc, base, token
