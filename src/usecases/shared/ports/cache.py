"""Cache port: short-lived values by key. Redis in production, in-memory in single-process mode."""

from __future__ import annotations

from typing import Protocol


class Cache(Protocol):
    async def get(self, key: str) -> bytes | None: ...

    async def set(self, key: str, value: bytes, *, ttl_seconds: int | None = None) -> None: ...

    async def set_if_absent(self, key: str, value: bytes, *, ttl_seconds: int) -> bool:
        """Store only when the key is missing; True when this call stored it."""
        ...

    async def delete(self, key: str) -> None: ...

    async def ping(self) -> None:
        """Raise when the backing store cannot be reached."""
        ...
