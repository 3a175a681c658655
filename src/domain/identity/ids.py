"""Identifiers of the identity context.

Sessions and codes are UUIDv7 like every entity. A registration id is also the capability
that lets its holder resume a half-done registration, so it is fully random (UUIDv4)."""

from __future__ import annotations

import uuid
from typing import NewType
from uuid import UUID

from domain.shared.ids import new_uuid

SessionId = NewType("SessionId", UUID)
RegistrationId = NewType("RegistrationId", UUID)
OtpId = NewType("OtpId", UUID)
DeviceId = NewType("DeviceId", UUID)


def new_session_id() -> SessionId:
    return SessionId(new_uuid())


def new_registration_id() -> RegistrationId:
    return RegistrationId(uuid.uuid4())


def new_otp_id() -> OtpId:
    return OtpId(new_uuid())


def new_device_id() -> DeviceId:
    return DeviceId(new_uuid())
