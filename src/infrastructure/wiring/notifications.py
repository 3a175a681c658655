"""Notifications context wiring: in-app endpoints, preferences, and the outbox worker."""

from __future__ import annotations

from adapters.http.notifications.router import router
from adapters.persistence.notifications.outbox_store import SqlOutboxStore
from adapters.persistence.notifications.unit_of_work import NotificationsUnitOfWork
from domain.notifications.outbox import RetryPolicy
from infrastructure.container import Container
from infrastructure.notifications.worker import OutboxWorker
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import per_use
from usecases.notifications import ports
from usecases.notifications.count_unread_notifications import CountUnreadNotificationsHandler
from usecases.notifications.deliver_outbox_batch import DeliverOutboxBatchHandler
from usecases.notifications.get_notification_preferences import (
    GetNotificationPreferencesHandler,
)
from usecases.notifications.list_notifications import ListNotificationsHandler
from usecases.notifications.mark_all_notifications_read import MarkAllNotificationsReadHandler
from usecases.notifications.mark_notification_read import MarkNotificationReadHandler
from usecases.notifications.update_notification_preferences import (
    UpdateNotificationPreferencesHandler,
)
from usecases.system.public import Heartbeats


def unit_of_work(container: Container) -> NotificationsUnitOfWork:
    return NotificationsUnitOfWork(
        container.session_factory, notifier_factory=container.notifier_factory
    )


def delivery_handler(container: Container) -> DeliverOutboxBatchHandler:
    settings = container.settings
    return DeliverOutboxBatchHandler(
        store=SqlOutboxStore(container.session_factory),
        email=container.email,
        sms=container.sms,
        renderer=container.templates,
        cipher=container.field_cipher,
        clock=container.clock,
        policy=RetryPolicy(
            max_attempts=settings.outbox_max_attempts,
            base_seconds=settings.outbox_backoff_base_seconds,
            max_seconds=settings.outbox_backoff_max_seconds,
        ),
        batch_size=settings.outbox_batch_size,
        claim_seconds=settings.outbox_claim_seconds,
    )


def outbox_worker(container: Container, name: str | None = None) -> OutboxWorker:
    return OutboxWorker(
        delivery_handler(container),
        Heartbeats(container.cache, container.clock),
        poll_seconds=container.settings.outbox_poll_seconds,
        name=name,
    )


MODULE = ContextModule(
    name="notifications",
    handlers=(
        ListNotificationsHandler,
        CountUnreadNotificationsHandler,
        MarkNotificationReadHandler,
        MarkAllNotificationsReadHandler,
        GetNotificationPreferencesHandler,
        UpdateNotificationPreferencesHandler,
    ),
    collaborators=(per_use(ports.NotificationsUnitOfWork, unit_of_work),),
    routers=(Mounted(router),),
)
