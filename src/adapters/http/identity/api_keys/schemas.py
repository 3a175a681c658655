"""Schemas of API keys and the partner status."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field, StrictInt
from pydantic.config import JsonDict

from adapters.http.paging import NextCursor, page_config
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDateTime

_API_KEY_EXAMPLE: JsonDict = {
    "id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
    "owner_code": "USR-7K2M9Q",
    "name": "Reporting bot",
    "prefix": "k3m9x2p7qa",
    "key_id": "mk_k3m9x2p7qa",
    "scopes": ["account:read", "market:read", "trade"],
    "rate_limit_per_minute": 60,
    "ip_allowlist": ["203.0.113.0/24"],
    "created_at": "2026-11-22T10:00:00Z",
    "expires_at": None,
    "revoked_at": None,
    "rotated_at": None,
    "last_used_at": "2026-11-22T11:00:00Z",
    "last_used_ip": "203.0.113.7",
    "active": True,
}


class ApiKeyRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_API_KEY_EXAMPLE]})

    id: UUID
    owner_code: str | None
    name: str
    prefix: str = Field(description="Public part of the key (`mk_<prefix>_...`).")
    key_id: str = Field(
        description="What a signed request sends in `X-MK-Key` (`mk_<prefix>`): the key's "
        "public name, never the secret."
    )
    scopes: list[str] = Field(
        description="`status:read`, `market:read`, `account:read`, `trade`. No scope moves "
        "money out, converts currency, changes credentials or manages keys."
    )
    rate_limit_per_minute: int
    ip_allowlist: list[str] = Field(
        description="Networks (CIDR) the key may be used from; empty: any address the "
        "account's own allowlist allows."
    )
    created_at: datetime
    expires_at: datetime | None
    revoked_at: datetime | None
    rotated_at: datetime | None
    last_used_at: datetime | None
    last_used_ip: str | None
    active: bool


class ApiKeyPage(ReadModel):
    model_config = page_config(ApiKeyRead)

    items: list[ApiKeyRead]
    next_cursor: NextCursor


class ApiKeySecretRead(ReadModel):
    """The key with its secret: shown this once, never again."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "key": _API_KEY_EXAMPLE,
                    "secret": "mk_k3m9x2p7qa_2Yd0q7m0Vv3c0bZ8l3o6oX1pWcB0Jg5mC4v8h2kQ9sE",
                }
            ]
        }
    )

    key: ApiKeyRead
    secret: str


class ApiKeyCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "name": "Trading bot",
                    "scopes": ["account:read", "market:read", "trade"],
                    "rate_limit_per_minute": 60,
                    "ip_allowlist": ["203.0.113.0/24"],
                }
            ]
        },
    )

    name: Annotated[str, Field(min_length=1, max_length=100)]
    scopes: list[Annotated[str, Field(max_length=64)]] = Field(min_length=1, max_length=20)
    expires_at: IsoDateTime | None = None
    rate_limit_per_minute: StrictInt = Field(default=60, ge=1, le=6000)
    ip_allowlist: list[Annotated[str, Field(max_length=50)]] = Field(
        default_factory=list,
        max_length=50,
        description="Networks (CIDR, or a bare address) the key may be used from; empty: any.",
    )


class ApiKeyUpdate(BaseModel):
    """Only the fields sent change."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [{"ip_allowlist": ["203.0.113.0/24"], "rate_limit_per_minute": 120}]
        },
    )

    ip_allowlist: list[Annotated[str, Field(max_length=50)]] | None = Field(
        default=None, max_length=50, description="The new allowlist; `[]` for any address."
    )
    rate_limit_per_minute: StrictInt | None = Field(default=None, ge=1, le=6000)


class ApiKeyRotationCreate(BaseModel):
    model_config = ConfigDict(
        extra="forbid", json_schema_extra={"examples": [{"grace_seconds": 86400}]}
    )

    grace_seconds: StrictInt = Field(
        default=86_400, ge=0, le=604_800, description="How long the old key keeps working."
    )


class PartnerStatusRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "status": "ok",
                    "server_time": "2026-11-22T10:00:00Z",
                    "key_prefix": "k3m9x2p7qa",
                    "key_name": "Reporting bot",
                    "scopes": ["status:read"],
                    "expires_at": None,
                }
            ]
        }
    )

    status: str
    server_time: datetime
    key_prefix: str | None
    key_name: str | None
    scopes: list[str]
    expires_at: datetime | None
