"""Use case (worker): deliver one batch of due outbox messages."""

from __future__ import annotations

import asyncio
import json
import logging
from dataclasses import dataclass
from datetime import timedelta

from domain.notifications.outbox import OutboxMessage, OutboxStatus, RetryPolicy
from domain.shared.clock import Clock
from domain.shared.notification import Channel
from usecases.notifications.ports import (
    DeliveryError,
    EmailMessage,
    EmailSender,
    OutboxStore,
    SmsMessage,
    SmsSender,
    TemplateRenderer,
)
from usecases.shared.ports.field_cipher import FieldCipher

log = logging.getLogger("meridian.outbox")


@dataclass(frozen=True, slots=True, kw_only=True)
class DeliverOutboxBatch:
    worker: str


@dataclass(frozen=True, slots=True, kw_only=True)
class BatchResult:
    claimed: int
    delivered: int
    retrying: int
    dead: int


def secrets_context(message_id: object) -> bytes:
    """Binds a message's sealed secrets to that message."""
    return f"outbox:{message_id}".encode()


class DeliverOutboxBatchHandler:
    def __init__(
        self,
        *,
        store: OutboxStore,
        email: EmailSender,
        sms: SmsSender,
        renderer: TemplateRenderer,
        cipher: FieldCipher,
        clock: Clock,
        policy: RetryPolicy,
        batch_size: int,
        claim_seconds: int,
    ) -> None:
        self._store = store
        self._email = email
        self._sms = sms
        self._renderer = renderer
        self._cipher = cipher
        self._clock = clock
        self._policy = policy
        self._batch_size = batch_size
        self._claim_seconds = claim_seconds

    async def execute(self, cmd: DeliverOutboxBatch) -> BatchResult:
        now = self._clock.now()
        messages = await self._store.claim_due(
            now=now,
            limit=self._batch_size,
            claim_until=now + timedelta(seconds=self._claim_seconds),
            worker=cmd.worker,
        )
        await asyncio.gather(*(self._deliver_one(m, cmd.worker) for m in messages))
        return BatchResult(
            claimed=len(messages),
            delivered=sum(m.status is OutboxStatus.DELIVERED for m in messages),
            retrying=sum(m.status is OutboxStatus.PENDING for m in messages),
            dead=sum(m.status is OutboxStatus.DEAD for m in messages),
        )

    async def _deliver_one(self, message: OutboxMessage, worker: str) -> None:
        try:
            await self._send(message)
        except DeliveryError as exc:
            message.failed(exc.reason, self._clock.now(), self._policy, permanent=exc.permanent)
        except Exception as exc:  # an adapter fault is a failed attempt, never a lost message
            log.exception("outbox adapter fault", extra={"message_id": str(message.id)})
            message.failed(
                f"{type(exc).__name__}: {exc}", self._clock.now(), self._policy, permanent=False
            )
        else:
            message.delivered(self._clock.now())
        log.info(
            "outbox delivery",
            extra={
                "message_id": str(message.id),
                "template": message.template,
                "channel": message.channel.value,
                "attempt": message.attempts,
                "outcome": message.status.value,
                "error": message.last_error,
            },
        )
        await self._store.save_outcome(message, worker=worker)

    def _variables(self, message: OutboxMessage) -> dict[str, str]:
        variables = dict(message.variables)
        if message.sealed_secrets:
            opened = self._cipher.decrypt(
                message.sealed_secrets, context=secrets_context(message.id)
            )
            variables.update(json.loads(opened))
        return variables

    async def _send(self, message: OutboxMessage) -> None:
        variables = self._variables(message)
        if message.channel is Channel.EMAIL:
            rendered = self._renderer.email(message.template, variables)
            await self._email.send(
                EmailMessage(
                    message_id=str(message.id),
                    to=message.address,
                    subject=rendered.subject,
                    text=rendered.text,
                    html=rendered.html,
                )
            )
        elif message.channel is Channel.SMS:
            text = self._renderer.sms(message.template, variables)
            await self._sms.send(
                SmsMessage(message_id=str(message.id), to=message.address, text=text)
            )
        else:
            raise DeliveryError(
                f"channel {message.channel} is not delivered by the outbox", permanent=True
            )
