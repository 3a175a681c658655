"""The transactional Notifier: outbox rows (email, SMS) and in-app rows are written in the
caller's transaction, so a message exists only if the change that caused it commits."""

from __future__ import annotations

import json

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.notifications.in_app_repository import SqlInAppRepository
from adapters.persistence.notifications.mapping import outbox_values
from adapters.persistence.notifications.models import OutboxRow
from adapters.persistence.notifications.preference_repository import SqlPreferenceRepository
from domain.notifications.in_app import InAppNotification
from domain.notifications.outbox import OutboxMessage
from domain.notifications.preferences import deliverable_channels
from domain.shared.clock import Clock
from domain.shared.errors import ValidationFailed
from domain.shared.ids import new_uuid
from domain.shared.notification import Channel, Notification
from usecases.notifications.deliver_outbox_batch import secrets_context
from usecases.notifications.ports import TemplateRenderer
from usecases.shared.ports.field_cipher import FieldCipher


class OutboxNotifier:
    def __init__(
        self,
        session: AsyncSession,
        *,
        renderer: TemplateRenderer,
        cipher: FieldCipher,
        clock: Clock,
    ) -> None:
        self._session = session
        self._renderer = renderer
        self._cipher = cipher
        self._clock = clock

    async def notify(self, notification: Notification) -> None:
        recipient = notification.recipient
        disabled = set()
        if recipient.user_id is not None and notification.category.optional:
            disabled = await SqlPreferenceRepository(self._session).disabled_for(recipient.user_id)
        channels = deliverable_channels(notification, disabled)
        public = {
            k: v
            for k, v in notification.variables.items()
            if k not in notification.secret_variables
        }
        secrets = {k: notification.variables[k] for k in notification.secret_variables}
        now = self._clock.now()
        for channel, address in ((Channel.EMAIL, recipient.email), (Channel.SMS, recipient.phone)):
            if channel not in channels or address is None:
                continue
            message_id = new_uuid()
            sealed = (
                self._cipher.encrypt(
                    json.dumps(secrets).encode(), context=secrets_context(message_id)
                )
                if secrets
                else None
            )
            message = OutboxMessage(
                id=message_id,
                template=notification.template,
                category=notification.category,
                channel=channel,
                address=address,
                user_id=recipient.user_id,
                variables=public,
                sealed_secrets=sealed,
                created_at=now,
            )
            await self._session.execute(insert(OutboxRow).values(**outbox_values(message)))
        if Channel.IN_APP in channels and recipient.user_id is not None:
            if secrets:
                raise ValidationFailed(f"{notification.template}: secrets never go in-app")
            title, body = self._renderer.in_app(notification.template, public)
            await SqlInAppRepository(self._session).add(
                InAppNotification(
                    user_id=recipient.user_id,
                    category=notification.category,
                    template=notification.template,
                    title=title,
                    body=body,
                    created_at=now,
                )
            )
