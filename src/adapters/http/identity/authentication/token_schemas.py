"""Schemas of login, two-factor login, refresh and logout."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.identity.fields import (
    DeviceId,
    DeviceName,
    Identifier,
    OpaqueToken,
    Password,
    TwoFactorCode,
)
from adapters.http.read_model import ReadModel
from usecases.identity.authentication.views import LoginOutcome


class LoginCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "identifier": "priya@example.com",
                    "password": "correct horse battery staple",
                    "device_id": "web-3f9a2c",
                    "device_name": "Work laptop",
                }
            ]
        }
    )

    identifier: Identifier
    password: Password
    device_id: DeviceId = None
    device_name: DeviceName = None
    platform: Literal["web", "mobile"] = Field(
        default="web", description="The client logging in; the account needs access to it."
    )


class TwoFactorLoginCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"challenge_token": "eyJhbGciOiJIUzI1NiIs...", "code": "287082"}]
        }
    )

    challenge_token: OpaqueToken
    code: TwoFactorCode
    device_name: DeviceName = None


class TokenRefreshCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"refresh_token": "q3Zb7YfU0m3sVf1c..."}]}
    )

    refresh_token: OpaqueToken


class TokenPairRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "access_token": "eyJhbGciOiJIUzI1NiIsImtpZCI6...",
                    "refresh_token": "q3Zb7YfU0m3sVf1c...",
                    "token_type": "Bearer",
                    "expires_in": 900,
                    "refresh_expires_in": 604800,
                    "session_id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
                }
            ]
        }
    )

    access_token: str = Field(description="JWT; send as `Authorization: Bearer <token>`.")
    refresh_token: str = Field(description="Opaque; works once, then use the new one.")
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105  (the scheme name)
    expires_in: int = Field(description="Seconds the access token lives.")
    refresh_expires_in: int = Field(description="Seconds the refresh token lives.")
    session_id: UUID


class LoginRead(BaseModel):
    """Either `tokens`, or (two-factor on) a `challenge_token` for `/auth/login/verify-2fa`."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "two_factor_required": True,
                    "tokens": None,
                    "challenge_token": "eyJhbGciOiJIUzI1NiIs...",
                    "challenge_expires_in": 300,
                }
            ]
        }
    )

    two_factor_required: bool
    tokens: TokenPairRead | None = None
    challenge_token: str | None = None
    challenge_expires_in: int | None = None

    @classmethod
    def of(cls, outcome: LoginOutcome) -> LoginRead:
        if outcome.challenge is not None:
            return cls(
                two_factor_required=True,
                challenge_token=outcome.challenge.challenge_token,
                challenge_expires_in=outcome.challenge.expires_in,
            )
        assert outcome.tokens is not None
        return cls(two_factor_required=False, tokens=TokenPairRead.of(outcome.tokens))
