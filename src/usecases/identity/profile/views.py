"""What the profile use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from domain.identity.access import RoleGrant
from domain.identity.user import User
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class UserView:
    id: UserId
    code: str
    email: str
    phone: str
    full_name: str
    date_of_birth: date | None
    country: str | None
    roles: tuple[RoleGrant, ...]  # one shape with the administration view
    two_factor_enabled: bool
    created_at: datetime

    @classmethod
    def of(cls, user: User, *, two_factor_enabled: bool) -> UserView:
        return cls(
            id=user.id,
            code=user.code,
            email=user.email,
            phone=user.phone,
            full_name=user.profile.full_name,
            date_of_birth=user.profile.date_of_birth,
            country=user.profile.country,
            roles=tuple(user.grants),
            two_factor_enabled=two_factor_enabled,
            created_at=user.created_at,
        )
