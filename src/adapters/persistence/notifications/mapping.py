"""Rows ⇄ domain objects."""

from __future__ import annotations

from adapters.persistence.notifications.models import InAppRow, OutboxRow
from domain.notifications.in_app import InAppNotification
from domain.notifications.outbox import OutboxMessage, OutboxStatus
from domain.shared.ids import UserId
from domain.shared.notification import Category, Channel


def outbox_to_domain(row: OutboxRow) -> OutboxMessage:
    return OutboxMessage(
        id=row.id,
        template=row.template,
        category=Category(row.category),
        channel=Channel(row.channel),
        address=row.address,
        user_id=UserId(row.user_id) if row.user_id else None,
        variables=dict(row.variables),
        sealed_secrets=row.sealed_secrets,
        created_at=row.created_at,
        status=OutboxStatus(row.status),
        attempts=row.attempts,
        next_attempt_at=row.next_attempt_at,
        last_error=row.last_error,
        delivered_at=row.delivered_at,
    )


def outbox_to_row(message: OutboxMessage) -> OutboxRow:
    assert message.next_attempt_at is not None
    return OutboxRow(
        id=message.id,
        template=message.template,
        category=message.category.value,
        channel=message.channel.value,
        address=message.address,
        user_id=message.user_id,
        variables=message.variables,
        sealed_secrets=message.sealed_secrets,
        status=message.status.value,
        attempts=message.attempts,
        next_attempt_at=message.next_attempt_at,
        claimed_until=None,
        claimed_by=None,
        last_error=message.last_error,
        created_at=message.created_at,
        delivered_at=message.delivered_at,
    )


def in_app_to_domain(row: InAppRow) -> InAppNotification:
    return InAppNotification(
        id=row.id,
        user_id=UserId(row.user_id),
        category=Category(row.category),
        template=row.template,
        title=row.title,
        body=row.body,
        created_at=row.created_at,
        read_at=row.read_at,
    )


def in_app_to_row(notification: InAppNotification) -> InAppRow:
    return InAppRow(
        id=notification.id,
        user_id=notification.user_id,
        category=notification.category.value,
        template=notification.template,
        title=notification.title,
        body=notification.body,
        created_at=notification.created_at,
        read_at=notification.read_at,
    )
