"""The notifications context's public port for the container and other contexts' wiring: the
outbox notifier every unit of work writes through, the template renderer and the email and SMS
senders the container holds, and the outbox store whose depth the status page reports."""

from __future__ import annotations

from adapters.persistence.notifications.notifier import OutboxNotifier
from adapters.persistence.notifications.outbox_store import SqlOutboxStore
from infrastructure.notifications.senders import email_sender, sms_sender
from infrastructure.notifications.templates import TEMPLATES_DIR, JinjaTemplateRenderer
from usecases.notifications.ports import EmailSender, SmsSender, TemplateRenderer

__all__ = [
    "TEMPLATES_DIR",
    "EmailSender",
    "JinjaTemplateRenderer",
    "OutboxNotifier",
    "SmsSender",
    "SqlOutboxStore",
    "TemplateRenderer",
    "email_sender",
    "sms_sender",
]
