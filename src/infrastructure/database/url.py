"""Database URLs: accept the usual ``postgresql://`` forms and drive them through asyncpg."""

from __future__ import annotations

from sqlalchemy.engine import URL, make_url


def async_url(raw: str) -> URL:
    """``postgresql://``, ``postgres://`` or ``postgresql+asyncpg://`` → the asyncpg dialect."""
    url = make_url(raw.replace("postgres://", "postgresql://", 1))
    if url.get_backend_name() != "postgresql":
        raise ValueError(f"DATABASE_URL must be a PostgreSQL URL, got {url.get_backend_name()!r}")
    return url.set(drivername="postgresql+asyncpg")


def with_database(raw: str, database: str) -> str:
    """The same server, another database (used for test and scratch databases)."""
    return async_url(raw).set(database=database).render_as_string(hide_password=False)


def redacted(raw: str) -> str:
    """The URL with its password masked, safe for logs."""
    return async_url(raw).render_as_string(hide_password=True)
