"""User directory port: other contexts find a user by their public code (``USR-7K2M9Q``), and
the code and contact of a user by id, without reaching into identity. Identity implements it."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Protocol

from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class UserContact:
    """Who to address a message to."""

    user_id: UserId
    code: str
    name: str
    email: str


class UserDirectory(Protocol):
    async def user_id_for_code(self, code: str) -> UserId | None: ...

    async def codes_for(self, user_ids: Collection[UserId]) -> dict[UserId, str]:
        """The public code of each known user among ``user_ids``."""
        ...

    async def contact(self, user_id: UserId) -> UserContact | None: ...
