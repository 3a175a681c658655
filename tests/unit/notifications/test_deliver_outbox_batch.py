"""The delivery use case with in-memory fakes of its ports."""

from __future__ import annotations

import json
import os
from datetime import UTC, datetime

from domain.notifications.outbox import OutboxMessage, OutboxStatus, RetryPolicy
from domain.shared.notification import Category, Channel
from infrastructure.crypto.field_cipher import AesGcmFieldCipher
from tests.support.clock import FixedClock
from usecases.notifications.deliver_outbox_batch import (
    DeliverOutboxBatch,
    DeliverOutboxBatchHandler,
    secrets_context,
)
from usecases.notifications.ports import (
    DeliveryError,
    EmailMessage,
    OutboxStats,
    RenderedEmail,
    SmsMessage,
)

NOW = datetime(2026, 1, 1, tzinfo=UTC)
CIPHER = AesGcmFieldCipher({"k1": os.urandom(32)})


class FakeStore:
    def __init__(self, *messages: OutboxMessage) -> None:
        self.messages = list(messages)
        self.saved: list[OutboxMessage] = []

    async def claim_due(self, *, now, limit, claim_until, worker):  # type: ignore[no-untyped-def]
        due = [m for m in self.messages if m.status is OutboxStatus.PENDING][:limit]
        for m in due:
            m.attempts += 1
        return due

    async def save_outcome(self, message: OutboxMessage, *, worker: str) -> bool:
        self.saved.append(message)
        return True

    async def stats(self, now: datetime) -> OutboxStats:
        return OutboxStats(pending=0, oldest_pending_age_seconds=None, dead=0)


class FakeRenderer:
    def email(self, template: str, variables):  # type: ignore[no-untyped-def]
        if template == "broken":
            raise DeliveryError("missing variable", permanent=True)
        return RenderedEmail(subject=f"S {variables['code']}", text="t", html="h")

    def sms(self, template: str, variables) -> str:  # type: ignore[no-untyped-def]
        return f"code {variables['code']}"

    def in_app(self, template: str, variables):  # type: ignore[no-untyped-def]
        return ("t", "b")


class RecordingSender:
    def __init__(self, fail_with: Exception | None = None) -> None:
        self.sent: list[EmailMessage | SmsMessage] = []
        self.fail_with = fail_with

    async def send(self, message) -> None:  # type: ignore[no-untyped-def]
        if self.fail_with:
            raise self.fail_with
        self.sent.append(message)


def outbox_message(channel: Channel, template: str = "t") -> OutboxMessage:
    m = OutboxMessage(
        template=template,
        category=Category.SECURITY,
        channel=channel,
        address="a@x.io" if channel is Channel.EMAIL else "+911234567890",
        user_id=None,
        variables={},
        sealed_secrets=None,
        created_at=NOW,
    )
    m.sealed_secrets = CIPHER.encrypt(
        json.dumps({"code": "123456"}).encode(), context=secrets_context(m.id)
    )
    return m


def handler(
    store: FakeStore, email: RecordingSender, sms: RecordingSender
) -> DeliverOutboxBatchHandler:
    return DeliverOutboxBatchHandler(
        store=store,
        email=email,
        sms=sms,
        renderer=FakeRenderer(),
        cipher=CIPHER,
        clock=FixedClock(NOW),
        policy=RetryPolicy(3, 1, 10),
        batch_size=10,
        claim_seconds=30,
    )


async def test_each_channel_goes_to_its_sender_with_secrets_opened() -> None:
    store = FakeStore(outbox_message(Channel.EMAIL), outbox_message(Channel.SMS))
    email, sms = RecordingSender(), RecordingSender()
    result = await handler(store, email, sms).execute(DeliverOutboxBatch(worker="w"))
    assert (result.claimed, result.delivered) == (2, 2)
    assert email.sent[0].subject == "S 123456"  # type: ignore[union-attr]
    assert sms.sent[0].text == "code 123456"
    assert email.sent[0].message_id == str(store.messages[0].id)
    assert all(m.sealed_secrets is None for m in store.saved)


async def test_transient_and_unexpected_failures_retry_permanent_ones_die() -> None:
    store = FakeStore(
        outbox_message(Channel.EMAIL),
        outbox_message(Channel.SMS),
        outbox_message(Channel.EMAIL, template="broken"),
    )
    email = RecordingSender(fail_with=DeliveryError("451 busy"))
    sms = RecordingSender(fail_with=RuntimeError("provider SDK bug"))
    result = await handler(store, email, sms).execute(DeliverOutboxBatch(worker="w"))
    assert (result.retrying, result.dead) == (2, 1)
    assert store.messages[1].last_error == "RuntimeError: provider SDK bug"
    assert store.messages[2].last_error == "missing variable"
    assert len(store.saved) == 3
