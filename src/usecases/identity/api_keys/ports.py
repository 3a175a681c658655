"""What the API-key use cases need from the outside world: the API-key store."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Protocol

from domain.identity.api_key import ApiKey, ApiKeyId
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest


class ApiKeyRepository(Protocol):
    async def add(self, key: ApiKey) -> None: ...

    async def get(self, key_id: ApiKeyId, *, for_update: bool = False) -> ApiKey | None: ...

    async def by_prefix(self, prefix: str) -> ApiKey | None: ...

    async def for_owner(self, owner_id: UserId | None, page: PageRequest) -> Page[ApiKey]:
        """Keys of one owner, or of everyone (``None``), newest first."""
        ...

    async def save(self, key: ApiKey) -> None: ...

    async def mark_used(
        self, key_id: ApiKeyId, *, now: datetime, ip: str | None, every: timedelta
    ) -> None: ...

    async def first_use_of_signature(
        self, key_id: ApiKeyId, signature: str, *, now: datetime, keep: timedelta
    ) -> bool:
        """Record the signature as used; False when it already was (a replay). Signatures
        older than ``keep`` are forgotten (their timestamps are outside the window anyway)."""
        ...
