"""Schemas of user administration, branches and features."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictBool
from pydantic.config import JsonDict

from adapters.http.identity.access_control.schemas import RoleGrantRead
from adapters.http.identity.fields import FullName
from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from domain.shared.pagination import Page
from usecases.identity.administration.views import UserAdminView

UserCode = Annotated[
    str, Field(min_length=1, max_length=20, description="e.g. USR-7K2M9Q", examples=["USR-7K2M9Q"])
]
BranchCode = Annotated[str, Field(min_length=1, max_length=20, examples=["BRN-4D8F2A"])]
FeatureCode = Annotated[str, Field(min_length=1, max_length=20, examples=["FTR-9XK2MB"])]


Text = Annotated[str, Field(min_length=1, max_length=500)]
Name = Annotated[str, Field(min_length=1, max_length=120)]


_USER_EXAMPLE: JsonDict = {
    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
    "code": "USR-7K2M9Q",
    "email": "priya@example.com",
    "mobile": "+919876543210",
    "full_name": "Priya Sharma",
    "country": "IN",
    "status": "active",
    "blocked_reason": None,
    "roles": [{"role": "user", "scope": None}],
    "platforms": ["mobile", "web"],
    "features": [],
    "branch_code": "BRN-4D8F2A",
    "kyc_level": 0,
    "created_at": "2026-11-22T10:00:00Z",
    "updated_at": "2026-11-22T10:00:00Z",
}


class UserAdminRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_USER_EXAMPLE]})

    id: UUID
    code: str
    email: str
    mobile: str
    full_name: str
    country: str | None
    status: Literal["active", "blocked"]
    blocked_reason: str | None
    roles: list[RoleGrantRead]
    platforms: list[str]
    features: list[str] = Field(description="Keys of the features granted to this user.")
    branch_code: str | None
    kyc_level: int
    created_at: datetime
    updated_at: datetime

    @classmethod
    def of(cls, view: UserAdminView) -> UserAdminRead:
        status = "blocked" if view.status == "blocked" else "active"
        return cls.taking(view, mobile=view.phone, status=status)


class UserPage(ReadModel):
    model_config = page_config(UserAdminRead)

    items: list[UserAdminRead]
    next_cursor: NextCursor

    @classmethod
    def of(cls, page: Page[UserAdminView]) -> UserPage:
        return cls.taking(page, items=[UserAdminRead.of(v) for v in page.items])


class UserAdminUpdate(BaseModel):
    """Send only what changes; `null` clears `country` or `branch_code`."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"full_name": "Priya S. Sharma", "branch_code": None}]},
    )

    full_name: FullName | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    branch_code: BranchCode | None = None


class BlockCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"reason": "Chargeback fraud, case 118"}]}
    )

    reason: Text


class BranchRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "code": "BRN-4D8F2A",
                    "name": "Mumbai",
                    "description": "Nariman Point office",
                    "created_at": "2026-11-22T10:00:00Z",
                    "updated_at": "2026-11-22T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    code: str
    name: str
    description: str | None
    created_at: datetime
    updated_at: datetime


class BranchPage(ReadModel):
    model_config = page_config(BranchRead)

    items: list[BranchRead]
    next_cursor: NextCursor


class BranchCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"name": "Mumbai", "description": "Nariman Point"}]},
    )

    name: Name
    description: Text | None = None


class BranchUpdate(BaseModel):
    """Send only what changes; `null` clears `description`."""

    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"name": "Pune"}]})

    name: Name | None = None
    description: Text | None = None


class FeatureRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                    "code": "FTR-9XK2MB",
                    "key": "trading",
                    "name": "Exchange trading",
                    "description": None,
                    "enabled": True,
                    "requires_grant": False,
                    "created_at": "2026-11-22T10:00:00Z",
                    "updated_at": "2026-11-22T10:00:00Z",
                }
            ]
        }
    )

    id: UUID
    code: str
    key: str
    name: str
    description: str | None
    enabled: bool
    requires_grant: bool
    created_at: datetime
    updated_at: datetime


class FeaturePage(ReadModel):
    model_config = page_config(FeatureRead)

    items: list[FeatureRead]
    next_cursor: NextCursor


class FeatureCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={"examples": [{"key": "trading", "name": "Exchange trading"}]},
    )

    key: Annotated[str, Field(min_length=2, max_length=48, pattern=r"^[a-z][a-z0-9_]+$")]
    name: Name
    description: Text | None = None
    enabled: StrictBool = True
    requires_grant: StrictBool = False


class FeatureUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid", json_schema_extra={"examples": [{"enabled": False}]})

    name: Name | None = None
    description: Text | None = None
    enabled: StrictBool | None = None
    requires_grant: StrictBool | None = None
