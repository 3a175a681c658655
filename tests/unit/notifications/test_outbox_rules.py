from datetime import UTC, datetime, timedelta

import pytest

from domain.notifications.outbox import OutboxMessage, OutboxStatus, RetryPolicy
from domain.notifications.preferences import (
    Preference,
    SecurityMessagesRequired,
    all_preferences,
    deliverable_channels,
    validate_changes,
)
from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Category, Channel, Notification, Recipient

NOW = datetime(2026, 1, 1, tzinfo=UTC)
POLICY = RetryPolicy(max_attempts=3, base_seconds=2, max_seconds=60)


def message(attempts: int) -> OutboxMessage:
    return OutboxMessage(
        template="t",
        category=Category.ORDERS,
        channel=Channel.EMAIL,
        address="a@x.io",
        user_id=None,
        variables={},
        sealed_secrets="k1.sealed",
        created_at=NOW,
        attempts=attempts,
    )


def test_backoff_doubles_and_is_capped() -> None:
    delays = [POLICY.delay(n, jitter=1.0) for n in (1, 2, 3, 10)]
    assert delays == [
        timedelta(seconds=2),
        timedelta(seconds=4),
        timedelta(seconds=8),
        timedelta(seconds=60),
    ]
    assert POLICY.delay(2, jitter=0.5) == timedelta(seconds=2)


def test_a_failure_schedules_a_retry_until_attempts_run_out() -> None:
    m = message(attempts=1)
    m.failed("451 later", NOW, POLICY, permanent=False)
    assert m.status is OutboxStatus.PENDING
    assert NOW + timedelta(seconds=1) <= m.next_attempt_at <= NOW + timedelta(seconds=2)
    m.attempts = 3
    m.failed("451 later", NOW, POLICY, permanent=False)
    assert m.status is OutboxStatus.DEAD
    assert m.last_error == "451 later"
    assert m.sealed_secrets is None


def test_a_permanent_failure_is_dead_on_the_first_attempt() -> None:
    m = message(attempts=1)
    m.failed("550 no such user", NOW, POLICY, permanent=True)
    assert m.status is OutboxStatus.DEAD


def test_delivery_erases_secrets() -> None:
    m = message(attempts=1)
    m.delivered(NOW)
    assert (m.status, m.delivered_at, m.sealed_secrets) == (OutboxStatus.DELIVERED, NOW, None)


def note(category: Category, channels: set[Channel]) -> Notification:
    return Notification(
        template="t",
        category=category,
        recipient=Recipient(user_id=UserId(new_uuid()), email="a@x.io", phone="+911234567890"),
        channels=frozenset(channels),
    )


def test_preferences_silence_optional_channels_but_never_security() -> None:
    off = {(Category.MARKETING, Channel.EMAIL), (Category.SECURITY, Channel.SMS)}
    marketing = note(Category.MARKETING, {Channel.EMAIL, Channel.IN_APP})
    assert deliverable_channels(marketing, off) == {Channel.IN_APP}
    security = note(Category.SECURITY, {Channel.EMAIL, Channel.SMS})
    assert deliverable_channels(security, off) == {Channel.EMAIL, Channel.SMS}


def test_turning_security_off_is_refused_naming_the_entry() -> None:
    with pytest.raises(SecurityMessagesRequired) as caught:
        validate_changes(
            [
                Preference(Category.MARKETING, Channel.SMS, False),
                Preference(Category.SECURITY, Channel.EMAIL, False),
            ]
        )
    assert [e.field for e in caught.value.errors] == ["preferences.1.enabled"]


def test_the_preference_grid_defaults_to_on() -> None:
    grid = all_preferences({(Category.MARKETING, Channel.SMS): False})
    assert len(grid) == len(Category) * len(Channel)
    assert [p for p in grid if not p.enabled] == [
        Preference(Category.MARKETING, Channel.SMS, False)
    ]


@pytest.mark.parametrize(
    ("channels", "recipient", "message_fragment"),
    [
        (set(), Recipient(email="a@x.io"), "at least one channel"),
        ({Channel.EMAIL}, Recipient(phone="+911234567890"), "without an address"),
        ({Channel.SMS}, Recipient(email="a@x.io"), "without a phone"),
        ({Channel.IN_APP}, Recipient(email="a@x.io"), "without a user"),
    ],
)
def test_a_notification_must_be_deliverable(
    channels: set[Channel], recipient: Recipient, message_fragment: str
) -> None:
    with pytest.raises(ValidationFailed, match=message_fragment):
        Notification(
            template="t",
            category=Category.ACCOUNT,
            recipient=recipient,
            channels=frozenset(channels),
        )


def test_the_last_entry_for_a_category_and_channel_wins() -> None:
    changes = validate_changes(
        [
            Preference(Category.ORDERS, Channel.SMS, False),
            Preference(Category.MARKETING, Channel.EMAIL, False),
            Preference(Category.ORDERS, Channel.SMS, True),
        ]
    )
    assert changes == [
        Preference(Category.ORDERS, Channel.SMS, True),
        Preference(Category.MARKETING, Channel.EMAIL, False),
    ]
