"""Cache port: short-lived values by key. Redis in production, in-memory in single-process mode."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Protocol


class CacheUnavailable(Exception):
    """The backing store cannot be reached (or answered with an error): a caller whose answer
    has another source of truth (the database) falls back to it."""


class Cache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def get_many(self, keys: Sequence[str]) -> list[bytes | None]:
        """The values of ``keys`` in order (``None`` where missing), in one round trip."""
        ...

    async def set(self, key: str, value: bytes, *, ttl_seconds: int | None = None) -> None: ...

    async def set_if_absent(self, key: str, value: bytes, *, ttl_seconds: int) -> bool:
        """Store only when the key is missing; True when this call stored it."""
        ...

    async def delete(self, key: str) -> None: ...

    async def ping(self) -> None:
        """Raise when the backing store cannot be reached."""
        ...
