"""Schemas of the two-factor endpoints."""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.identity.fields import Password, TwoFactorCode
from adapters.http.read_model import ReadModel
from usecases.identity.two_factor.views import RecoveryCodes


class TwoFactorEnrollmentRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "secret": "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP",
                    "otpauth_uri": "otpauth://totp/Meridian:priya%40example.com?secret=...",
                    "qr_code": "data:image/png;base64,iVBORw0KGgo...",
                }
            ]
        }
    )

    secret: str = Field(description="Base32, to type into an authenticator app by hand.")
    otpauth_uri: str
    qr_code: str = Field(description="PNG data URI of `otpauth_uri`.")


class TwoFactorCodeCreate(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"code": "287082"}]})

    code: TwoFactorCode


class TwoFactorDisableCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"password": "correct horse battery staple", "code": "287082"}]
        }
    )

    password: Password
    code: TwoFactorCode


class RecoveryCodesRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"recovery_codes": ["7hk2m-9qpxr", "c4vwn-82tda"]}]}
    )

    recovery_codes: list[str] = Field(description="Shown once; each works once.")

    @classmethod
    def of(cls, view: RecoveryCodes) -> RecoveryCodesRead:
        return cls(recovery_codes=list(view.codes))
