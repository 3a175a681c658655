"""Schemas of the user's own profile."""

from __future__ import annotations

from datetime import date, datetime
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from adapters.http.identity.access_control.schemas import RoleGrantRead
from adapters.http.identity.fields import FullName
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDate
from usecases.identity.profile.views import UserView

USER_EXAMPLE: JsonDict = {
    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
    "code": "USR-7K2M9Q",
    "email": "priya@example.com",
    "mobile": "+919876543210",
    "full_name": "Priya Sharma",
    "date_of_birth": "1990-04-12",
    "country": "IN",
    "roles": [{"role": "user", "scope": None}],
    "two_factor_enabled": False,
    "created_at": "2026-11-22T10:00:00Z",
}


class UserRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [USER_EXAMPLE]})

    id: UUID
    code: str = Field(description="Human-readable user code, used in URLs (USR-7K2M9Q).")
    email: str
    mobile: str
    full_name: str
    date_of_birth: date | None
    country: str | None
    roles: list[RoleGrantRead]
    two_factor_enabled: bool
    created_at: datetime

    @classmethod
    def of(cls, view: UserView) -> UserRead:
        return cls.taking(view, mobile=view.phone)


class UserUpdate(BaseModel):
    """Send only what changes; `null` clears `date_of_birth` or `country`. Email and mobile
    change through their own verified flows."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"full_name": "Priya S. Sharma", "country": "SG"}]},
    )

    full_name: FullName | None = None
    date_of_birth: IsoDate | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
