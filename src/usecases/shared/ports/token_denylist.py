"""Token denylist port: revoked token ids, remembered until the token would have expired."""

from __future__ import annotations

from datetime import datetime
from typing import Protocol


class TokenDenylist(Protocol):
    async def deny(self, token_id: str, *, until: datetime) -> None: ...

    async def is_denied(self, token_id: str) -> bool: ...
