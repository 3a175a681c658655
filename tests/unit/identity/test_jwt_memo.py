"""The codec remembers tokens it verified (a client sends the same access token on every
request), but a remembered token is still judged on every decode: its type, its expiry, and
a changed byte anywhere makes it a different, unverified token."""

from __future__ import annotations

import pytest

from domain.identity.errors import TokenExpired, TokenInvalid
from infrastructure.identity import jwt_codec
from tests.support.clock import FixedClock
from tests.unit.identity.test_jwt_codec import claims, codec
from usecases.identity.authentication.ports import TokenType


def test_a_remembered_token_still_expires() -> None:
    clock = FixedClock()
    tokens = codec(clock)
    token = tokens.encode(claims(clock))
    assert tokens.decode(token, expected=TokenType.ACCESS).subject == claims(clock).subject
    clock.advance(minutes=16)
    with pytest.raises(TokenExpired):
        tokens.decode(token, expected=TokenType.ACCESS)


def test_a_remembered_access_token_is_still_no_two_factor_challenge() -> None:
    clock = FixedClock()
    tokens = codec(clock)
    token = tokens.encode(claims(clock))
    tokens.decode(token, expected=TokenType.ACCESS)
    with pytest.raises(TokenInvalid):
        tokens.decode(token, expected=TokenType.TWO_FACTOR)


def test_a_tampered_copy_of_a_remembered_token_is_refused() -> None:
    clock = FixedClock()
    tokens = codec(clock)
    token = tokens.encode(claims(clock))
    tokens.decode(token, expected=TokenType.ACCESS)
    head, body, signature = token.split(".")
    forged = f"{head}.{body}.{signature[:-2]}{'AA' if signature[-2:] != 'AA' else 'BB'}"
    with pytest.raises(TokenInvalid):
        tokens.decode(forged, expected=TokenType.ACCESS)


def test_the_memo_stays_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(jwt_codec, "MEMO_SIZE", 3)
    clock = FixedClock()
    tokens = codec(clock)
    issued = []
    for _ in range(5):
        clock.advance(minutes=1)
        token = tokens.encode(claims(clock))
        issued.append(token)
        tokens.decode(token, expected=TokenType.ACCESS)
    assert len(tokens._verified) == 3
    clock.advance(minutes=1)
    for token in issued:  # forgotten or not, each still decodes the same way
        assert tokens.decode(token, expected=TokenType.ACCESS).token_id == "jti-1"
