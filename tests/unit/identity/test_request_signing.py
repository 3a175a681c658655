"""What a signed API-key request signs, checked against a vector computed outside Python
(``openssl dgst -sha256 -hmac``, docs/api_keys.md), and the window's edges."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from domain.identity.api_key import SCOPE_ALIASES, clean_scopes
from domain.identity.request_signing import (
    changes_state,
    sign,
    signature_matches,
    timestamp_at,
    within_window,
)

KEY = "mk_k3m9x2p7qa_2Yd0q7m0Vv3c0bZ8l3o6oX1pWcB0Jg5mC4v8h2kQ9sE"
TS = "1764590400000"
TARGET = "/api/v1/trading/orders?dry_run=true"
BODY = b'{"symbol":"AAPL"}'
VECTOR = "2c9e0e4e1cbcddcfc5f0ced0d9e69652d81e01aa2fbc2f647f4a5b04f1a5dc60"


def test_the_signature_matches_the_documented_vector() -> None:
    assert sign(KEY, TS, "post", TARGET, BODY) == VECTOR
    assert signature_matches(
        KEY, VECTOR.upper(), timestamp=TS, method="POST", target=TARGET, body=BODY
    )


def test_any_change_to_what_is_signed_breaks_the_signature() -> None:
    changed = [
        ("1764590400001", "POST", TARGET, BODY),
        (TS, "PUT", TARGET, BODY),
        (TS, "POST", "/api/v1/trading/orders", BODY),
        (TS, "POST", TARGET, b'{"symbol":"TSLA"}'),
    ]
    for timestamp, method, target, body in changed:
        assert not signature_matches(
            KEY, VECTOR, timestamp=timestamp, method=method, target=target, body=body
        )
    assert not signature_matches(
        KEY[:-1] + "F", VECTOR, timestamp=TS, method="POST", target=TARGET, body=BODY
    )


def test_the_window_is_five_seconds_either_side() -> None:
    at = datetime(2025, 12, 1, 12, 0, tzinfo=UTC)
    assert timestamp_at(TS) == at
    for seconds, inside in ((-5, True), (5, True), (-5.001, False), (5.001, False)):
        assert within_window(TS, at + timedelta(seconds=seconds)) is inside, seconds
    for malformed in ("", "-1", "1.5e12", "abc", "9" * 16, "1764590400"):
        assert not within_window(malformed, at), malformed


def test_only_safe_methods_are_reads() -> None:
    assert [
        m for m in ("GET", "head", "OPTIONS", "POST", "PUT", "PATCH", "DELETE") if changes_state(m)
    ] == [
        "POST",
        "PUT",
        "PATCH",
        "DELETE",
    ]


def test_retired_scopes_are_market_read() -> None:
    assert set(SCOPE_ALIASES) == {"instruments:read", "prices:read"}
    assert clean_scopes(["prices:read", "instruments:read", "trade"]) == {"market:read", "trade"}
