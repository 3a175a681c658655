"""Schemas of login, two-factor login, refresh and logout, and the session every sign-in
(login, two-factor login, completed registration) answers with."""

from __future__ import annotations

from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field
from pydantic.config import JsonDict

from adapters.http.identity.fields import (
    DeviceId,
    DeviceName,
    Identifier,
    OpaqueToken,
    Password,
    TwoFactorCode,
)
from adapters.http.identity.profile.schemas import USER_EXAMPLE, UserRead
from adapters.http.read_model import ReadModel
from usecases.identity.authentication.views import LoginOutcome, SessionStarted


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


_TOKENS_EXAMPLE: JsonDict = {
    "access_token": "eyJhbGciOiJIUzI1NiIsImtpZCI6...",
    "refresh_token": "q3Zb7YfU0m3sVf1c...",
    "token_type": "Bearer",
    "expires_in": 900,
    "refresh_expires_in": 604800,
    "session_id": "01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f",
}


class TokenPairRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_TOKENS_EXAMPLE]})

    access_token: str = Field(description="JWT; send as `Authorization: Bearer <token>`.")
    refresh_token: str = Field(description="Opaque; works once, then use the new one.")
    token_type: Literal["Bearer"] = "Bearer"  # noqa: S105  (the scheme name)
    expires_in: int = Field(description="Seconds the access token lives.")
    refresh_expires_in: int = Field(description="Seconds the refresh token lives.")
    session_id: UUID


class SignedInSessionRead(ReadModel):
    """A new session: the signed-in user (as `GET /users/me` shows them) and their tokens.
    Login, two-factor login and a completed registration all answer with it."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user": USER_EXAMPLE,
                    "tokens": _TOKENS_EXAMPLE,
                }
            ]
        }
    )

    user: UserRead
    tokens: TokenPairRead

    @classmethod
    def of(cls, session: SessionStarted) -> SignedInSessionRead:
        return cls(user=UserRead.of(session.user), tokens=TokenPairRead.of(session.tokens))


class LoginRead(BaseModel):
    """Either the `session`, or (two-factor on) a `challenge_token` for
    `/auth/login/verify-2fa`, which answers with the session."""

    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "two_factor_required": True,
                    "session": None,
                    "challenge_token": "eyJhbGciOiJIUzI1NiIs...",
                    "challenge_expires_in": 300,
                }
            ]
        }
    )

    two_factor_required: bool
    session: SignedInSessionRead | None = None
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
        assert outcome.session is not None
        return cls(two_factor_required=False, session=SignedInSessionRead.of(outcome.session))
