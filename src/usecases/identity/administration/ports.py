"""What administration needs from the outside world: the user search query, and the branch and
feature stores."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal, Protocol
from uuid import UUID

from domain.identity.branch import Branch
from domain.identity.feature import Feature, FeatureId
from domain.identity.user import UserStatus
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

UserSort = Literal["created_at", "full_name", "email", "code", "kyc_level"]


@dataclass(frozen=True, slots=True, kw_only=True)
class UserQuery:
    text: str | None = None  # name, email, mobile or code, partial
    name: str | None = None
    email: str | None = None
    mobile: str | None = None
    code: str | None = None
    role: str | None = None
    status: UserStatus | None = None
    kyc_level: int | None = None
    branch_id: UUID | None = None
    sort: UserSort = "created_at"
    descending: bool = True


class BranchRepository(Protocol):
    async def add(self, branch: Branch) -> None:
        """Inserts at once; draws another code when a concurrent insert took this one."""
        ...

    async def by_code(self, code: str, *, for_update: bool = False) -> Branch | None:
        """A branch that is not removed."""
        ...

    async def get(self, branch_id: UUID) -> Branch | None: ...

    async def page(self, page: PageRequest) -> Page[Branch]:
        """Live branches by name."""
        ...

    async def save(self, branch: Branch) -> None: ...


class FeatureRepository(Protocol):
    async def add(self, feature: Feature) -> None: ...

    async def by_code(self, code: str, *, for_update: bool = False) -> Feature | None: ...

    async def by_key(self, key: str) -> Feature | None: ...

    async def page(self, page: PageRequest) -> Page[Feature]:
        """Features by key."""
        ...

    async def save(self, feature: Feature) -> None: ...

    async def grant(self, user_id: UserId, feature_id: FeatureId, *, now: datetime) -> bool: ...

    async def revoke(self, user_id: UserId, feature_id: FeatureId) -> bool: ...

    async def is_granted(self, user_id: UserId, feature_id: FeatureId) -> bool: ...

    async def granted_keys(self, user_id: UserId) -> list[str]: ...
