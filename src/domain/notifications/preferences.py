"""Which messages a user wants: every optional category and channel can be turned off;
security messages cannot."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from domain.shared.errors import FieldError, ValidationFailed
from domain.shared.notification import Category, Channel, Notification


@dataclass(frozen=True, slots=True)
class Preference:
    category: Category
    channel: Channel
    enabled: bool


class SecurityMessagesRequired(ValidationFailed):
    code = "security_notifications_required"
    title = "Security messages cannot be turned off"


def all_preferences(overrides: Mapping[tuple[Category, Channel], bool]) -> list[Preference]:
    """The full grid, every combination enabled unless the user turned it off."""
    return [
        Preference(category, channel, overrides.get((category, channel), True))
        for category in Category
        for channel in Channel
    ]


def validate_changes(changes: Iterable[Preference]) -> list[Preference]:
    changes = list(changes)
    refused = [
        FieldError(
            field=f"preferences.{i}.enabled",
            message="security messages cannot be turned off",
            code="security_notifications_required",
        )
        for i, p in enumerate(changes)
        if p.category is Category.SECURITY and not p.enabled
    ]
    if refused:
        raise SecurityMessagesRequired(
            "security messages (one-time codes, login alerts) cannot be turned off",
            errors=refused,
        )
    # One answer per category and channel: the last entry for a pair wins.
    return list({(p.category, p.channel): p for p in changes}.values())


def deliverable_channels(
    notification: Notification, disabled: set[tuple[Category, Channel]]
) -> frozenset[Channel]:
    """The channels this notification goes out on, after the recipient's preferences."""
    if not notification.category.optional:
        return notification.channels
    return frozenset(c for c in notification.channels if (notification.category, c) not in disabled)
