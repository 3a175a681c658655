"""Rows ⇄ domain objects (by name, through the generic mapper)."""

from __future__ import annotations

from typing import Any

from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.notifications.models import InAppRow, OutboxRow
from domain.notifications.in_app import InAppNotification
from domain.notifications.outbox import OutboxMessage


def outbox_to_domain(row: OutboxRow) -> OutboxMessage:
    return to_domain(row, OutboxMessage)


def outbox_values(message: OutboxMessage) -> dict[str, Any]:
    """A new outbox row: unclaimed."""
    assert message.next_attempt_at is not None
    return row_values(message, OutboxRow, claimed_until=None, claimed_by=None)


def in_app_to_domain(row: InAppRow) -> InAppNotification:
    return to_domain(row, InAppNotification)


def in_app_values(notification: InAppNotification) -> dict[str, Any]:
    return row_values(notification, InAppRow)
