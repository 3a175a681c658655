"""Schemas of the registration endpoints."""

from __future__ import annotations

from datetime import datetime
from typing import Literal
from uuid import UUID

from pydantic import BaseModel, ConfigDict, Field

from adapters.http.identity.fields import (
    DeviceId,
    DeviceName,
    Email,
    FullName,
    Mobile,
    NewPassword,
    OtpCode,
)
from adapters.http.read_model import ReadModel
from adapters.http.temporal import IsoDate

Channel = Literal["email", "mobile"]


class RegistrationCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "email": "priya@example.com",
                    "mobile": "+919876543210",
                    "password": "correct horse battery staple",
                }
            ]
        }
    )

    email: Email
    mobile: Mobile
    password: NewPassword


class RegistrationOtpCheckCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "registration_id": "6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f",
                    "channel": "email",
                    "code": "042917",
                }
            ]
        }
    )

    registration_id: UUID
    channel: Channel
    code: OtpCode


class RegistrationOtpResendCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"registration_id": "6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f", "channel": "mobile"}
            ]
        }
    )

    registration_id: UUID
    channel: Channel


class RegistrationBasicInfoCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "registration_id": "6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f",
                    "full_name": "Priya Sharma",
                    "date_of_birth": "1990-04-12",
                    "country": "IN",
                    "device_id": "web-3f9a2c",
                    "device_name": "Work laptop",
                }
            ]
        }
    )

    registration_id: UUID
    full_name: FullName
    date_of_birth: IsoDate | None = None
    country: str | None = Field(default=None, pattern=r"^[A-Za-z]{2}$")
    device_id: DeviceId = None
    device_name: DeviceName = None


class RegistrationRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "id": "6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f",
                    "email": "p****@example.com",
                    "mobile": "+91*******10",
                    "email_verified": True,
                    "mobile_verified": False,
                    "next_step": "verify_contacts",
                    "expires_at": "2026-11-23T10:00:00Z",
                }
            ]
        }
    )

    id: UUID = Field(description="Keep it to resume the registration; it is its only key.")
    email: str = Field(description="Masked.")
    mobile: str = Field(description="Masked.")
    email_verified: bool
    mobile_verified: bool
    next_step: Literal["verify_contacts", "basic_info", "completed", "expired"]
    expires_at: datetime
