"""Schemas of the forgot, reset and change password endpoints."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.identity.fields import (
    Identifier,
    NewPassword,
    OpaqueToken,
    OtpCode,
    Password,
    TwoFactorCode,
)
from adapters.http.read_model import ReadModel


class PasswordResetRequestCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"identifier": "priya@example.com"}]})

    identifier: Identifier


class AcceptedRead(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"detail": "If an account matches, a code is on its way to it."}]
        }
    )

    detail: str


class ResetOtpCheckCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"identifier": "priya@example.com", "code": "042917"}]}
    )

    identifier: Identifier
    code: OtpCode


class ResetTicketRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"reset_token": "Zq8v3kQ1m0P...", "expires_at": "2026-11-22T10:15:00Z"}]
        }
    )

    reset_token: str = Field(description="Single use; send it to `/auth/reset-password`.")
    expires_at: datetime


class PasswordResetCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "reset_token": "Zq8v3kQ1m0P...",
                    "new_password": "a new and long passphrase",
                    "two_factor_code": "287082",
                }
            ]
        }
    )

    reset_token: OpaqueToken
    new_password: NewPassword
    two_factor_code: TwoFactorCode | None = Field(
        default=None, description="Required when two-factor authentication is on."
    )


class PasswordChangeCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "current_password": "correct horse battery staple",
                    "new_password": "a new and long passphrase",
                }
            ]
        }
    )

    current_password: Password
    new_password: NewPassword
