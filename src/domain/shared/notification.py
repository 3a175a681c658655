"""A message the platform promises to deliver: queued in the transaction that causes it,
delivered by the worker only after that transaction commits."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId


class Channel(StrEnum):
    EMAIL = "email"
    SMS = "sms"
    IN_APP = "in_app"


class Category(StrEnum):
    SECURITY = "security"  # one-time codes, login alerts: cannot be turned off
    ACCOUNT = "account"
    TRANSACTIONS = "transactions"
    ORDERS = "orders"
    INVESTOR_UPDATES = "investor_updates"
    MARKETING = "marketing"

    @property
    def optional(self) -> bool:
        return self is not Category.SECURITY


@dataclass(frozen=True, slots=True, kw_only=True)
class Recipient:
    user_id: UserId | None = None
    email: str | None = None
    phone: str | None = None  # E.164


@dataclass(frozen=True, slots=True, kw_only=True)
class Notification:
    """``template`` names the message kind (``identity.registration_otp``); ``variables`` fill
    it. Names in ``secret_variables`` (a one-time code) are encrypted at rest, erased after
    delivery and never logged."""

    template: str
    category: Category
    recipient: Recipient
    channels: frozenset[Channel]
    variables: Mapping[str, str] = field(default_factory=dict)
    secret_variables: frozenset[str] = field(default_factory=frozenset)

    def __post_init__(self) -> None:
        if not self.channels:
            raise ValidationFailed("a notification needs at least one channel")
        if Channel.EMAIL in self.channels and not self.recipient.email:
            raise ValidationFailed(f"{self.template}: email channel without an address")
        if Channel.SMS in self.channels and not self.recipient.phone:
            raise ValidationFailed(f"{self.template}: SMS channel without a phone number")
        if Channel.IN_APP in self.channels and self.recipient.user_id is None:
            raise ValidationFailed(f"{self.template}: in-app channel without a user")
        if not self.secret_variables <= set(self.variables):
            raise ValidationFailed(f"{self.template}: secret variable without a value")
