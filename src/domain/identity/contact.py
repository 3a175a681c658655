"""The two contact points every account has."""

from __future__ import annotations

from enum import StrEnum


class ContactChannel(StrEnum):
    EMAIL = "email"
    MOBILE = "mobile"


def mask_email(email: str) -> str:
    local, _, domain = email.partition("@")
    return f"{local[:1]}{'*' * max(1, len(local) - 1)}@{domain}"


def mask_phone(phone: str) -> str:
    return f"{phone[:3]}{'*' * max(1, len(phone) - 5)}{phone[-2:]}"
