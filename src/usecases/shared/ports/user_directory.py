"""User directory port: other contexts find a user by their public code (``USR-7K2M9Q``)
without reaching into identity. Identity implements it."""

from __future__ import annotations

from typing import Protocol

from domain.shared.ids import UserId


class UserDirectory(Protocol):
    async def user_id_for_code(self, code: str) -> UserId | None: ...
