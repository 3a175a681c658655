"""Token denylist port: revoked token ids, remembered until the token would have expired."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


def denylist_cache_key(token_id: str) -> str:
    """The cache key of a denylist entry: the denylist lives on the ``Cache`` port, so a
    reader can fetch its entries together with other cache keys in one round trip."""
    return f"denylist:{token_id}"


class TokenDenylist(Protocol):
    async def deny(self, token_id: str, *, until: datetime) -> None: ...

    async def is_denied(self, token_id: str) -> bool: ...
