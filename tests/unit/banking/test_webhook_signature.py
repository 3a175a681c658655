from datetime import UTC, datetime, timedelta

import pytest

from domain.banking.webhook_signature import WebhookExpired, WebhookRejected, sign, verify

SECRET = b"whsec-test"
NOW = datetime(2026, 11, 22, 12, 0, tzinfo=UTC)
BODY = b'{"event":"deposit.completed","reference":"DEP-1"}'


def check(header: str | None, body: bytes = BODY, *, now: datetime = NOW) -> int:
    return verify(header, body, secrets=(SECRET,), now=now, tolerance_seconds=300)


def test_a_signed_body_verifies_and_returns_its_timestamp() -> None:
    assert check(sign(SECRET, BODY, at=NOW)) == int(NOW.timestamp())


def test_a_changed_body_is_refused() -> None:
    with pytest.raises(WebhookRejected, match="does not match"):
        check(sign(SECRET, BODY, at=NOW), BODY.replace(b"DEP-1", b"DEP-2"))


def test_another_secret_is_refused() -> None:
    with pytest.raises(WebhookRejected):
        check(sign(b"other", BODY, at=NOW))


def test_a_replay_outside_the_window_is_refused_even_with_a_valid_signature() -> None:
    header = sign(SECRET, BODY, at=NOW)
    assert check(header, now=NOW + timedelta(seconds=300))
    with pytest.raises(WebhookExpired):
        check(header, now=NOW + timedelta(seconds=301))


def test_a_fresh_timestamp_cannot_be_pasted_onto_an_old_signature() -> None:
    old = sign(SECRET, BODY, at=NOW - timedelta(hours=1)).split(",")[1]
    with pytest.raises(WebhookRejected):
        check(f"t={int(NOW.timestamp())},{old}")


@pytest.mark.parametrize("header", [None, "", "v1=abc", "t=123", "t=abc,v1=00", "garbage"])
def test_missing_or_malformed_headers_are_refused(header: str | None) -> None:
    with pytest.raises(WebhookRejected):
        check(header)


def test_either_secret_verifies_during_a_rotation() -> None:
    header = sign(b"new-secret", BODY, at=NOW)
    secrets = (SECRET, b"new-secret")
    assert verify(header, BODY, secrets=secrets, now=NOW, tolerance_seconds=300)
