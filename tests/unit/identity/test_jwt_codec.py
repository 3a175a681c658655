"""The JWT codec: explicit algorithm, key ids for rotation, issuer, audience, type, and time
judged by the injected clock."""

from __future__ import annotations

import base64
import json
from datetime import timedelta
from uuid import UUID

import pytest
from jose import jwt

from domain.identity.errors import TokenExpired, TokenInvalid
from domain.identity.ids import SessionId
from domain.shared.ids import UserId
from infrastructure.identity.jwt_codec import JoseTokenCodec
from infrastructure.identity.signing_keys import SigningKeys, parse_signing_keys
from tests.support.clock import FixedClock
from usecases.identity.authentication.ports import TokenClaims, TokenType

KEY_A = base64.b64encode(b"a" * 32).decode()
KEY_B = base64.b64encode(b"b" * 32).decode()
USER = UserId(UUID("01936f4e-8a5b-7c3d-9e2f-1a2b3c4d5e6f"))


def codec(clock: FixedClock, spec: str = f"a:{KEY_A}") -> JoseTokenCodec:
    keys = SigningKeys.from_settings(spec, "unused")
    return JoseTokenCodec(keys, algorithm="HS256", issuer="iss", audience="aud", clock=clock)


def claims(clock: FixedClock, kind: TokenType = TokenType.ACCESS) -> TokenClaims:
    return TokenClaims(
        token_type=kind,
        subject=USER,
        token_id="jti-1",
        issued_at=clock.now(),
        expires_at=clock.now() + timedelta(minutes=15),
        session_id=SessionId(UUID(int=7)),
        roles=frozenset({"investor"}),
    )


def test_a_token_round_trips_with_its_claims() -> None:
    clock = FixedClock()
    token = codec(clock).encode(claims(clock))
    assert jwt.get_unverified_header(token) == {"alg": "HS256", "kid": "a", "typ": "JWT"}
    decoded = codec(clock).decode(token, expected=TokenType.ACCESS)
    assert decoded == claims(clock)


def test_an_old_key_still_verifies_after_rotation() -> None:
    clock = FixedClock()
    old = codec(clock).encode(claims(clock))
    rotated = codec(clock, f"b:{KEY_B},a:{KEY_A}")
    assert rotated.decode(old, expected=TokenType.ACCESS).subject == USER
    assert jwt.get_unverified_header(rotated.encode(claims(clock)))["kid"] == "b"
    with pytest.raises(TokenInvalid):
        codec(clock, f"b:{KEY_B}").decode(old, expected=TokenType.ACCESS)


def test_the_type_must_match() -> None:
    clock = FixedClock()
    challenge = codec(clock).encode(claims(clock, TokenType.TWO_FACTOR))
    with pytest.raises(TokenInvalid):
        codec(clock).decode(challenge, expected=TokenType.ACCESS)


def test_expiry_and_not_before_follow_the_clock_with_30s_leeway() -> None:
    clock = FixedClock()
    token = codec(clock).encode(claims(clock))
    clock.advance(minutes=15, seconds=29)
    assert codec(clock).decode(token, expected=TokenType.ACCESS)
    clock.advance(seconds=1)
    with pytest.raises(TokenExpired):
        codec(clock).decode(token, expected=TokenType.ACCESS)
    clock.advance(hours=-1)
    with pytest.raises(TokenInvalid):
        codec(clock).decode(token, expected=TokenType.ACCESS)


def _forge(header: dict[str, str], payload: dict[str, object]) -> str:
    def part(data: dict[str, object] | dict[str, str]) -> str:
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()

    return f"{part(header)}.{part(payload)}."


@pytest.mark.parametrize(
    "mutate",
    [
        lambda t, p: _forge({"alg": "none", "kid": "a"}, p),
        lambda t, p: jwt.encode(p, "a" * 32, algorithm="HS512", headers={"kid": "a"}),
        lambda t, p: jwt.encode({**p, "aud": "other"}, "a" * 32, headers={"kid": "a"}),
        lambda t, p: jwt.encode({**p, "iss": "other"}, "a" * 32, headers={"kid": "a"}),
        lambda t, p: jwt.encode(
            {k: v for k, v in p.items() if k != "jti"}, "a" * 32, headers={"kid": "a"}
        ),
        lambda t, p: jwt.encode(p, "a" * 32, headers={"kid": "zz"}),
        lambda t, p: jwt.encode(p, "x" * 32, headers={"kid": "a"}),
        lambda t, p: t[:-2] + ("AA" if t[-2:] != "AA" else "BB"),
        lambda t, p: "not.a.token",
        lambda t, p: "",
    ],
    ids=[
        "none",
        "hs512",
        "aud",
        "iss",
        "no-jti",
        "unknown-kid",
        "wrong-key",
        "tampered",
        "junk",
        "empty",
    ],
)
def test_forged_or_foreign_tokens_are_invalid(mutate: object) -> None:
    clock = FixedClock()
    token = codec(clock).encode(claims(clock))
    payload = jwt.get_unverified_claims(token)
    forged = mutate(token, payload)  # type: ignore[operator]
    with pytest.raises(TokenInvalid):
        codec(clock).decode(forged, expected=TokenType.ACCESS)


def test_short_or_malformed_signing_keys_are_refused() -> None:
    with pytest.raises(ValueError, match="at least 32"):
        parse_signing_keys(f"k1:{base64.b64encode(b'short').decode()}")
    with pytest.raises(ValueError, match="base64"):
        parse_signing_keys("k1:***")
    with pytest.raises(ValueError, match="no key"):
        parse_signing_keys(" , ")


def test_without_configured_keys_one_is_derived_from_the_secret() -> None:
    one = SigningKeys.from_settings(None, "x" * 40)
    assert one == SigningKeys.from_settings(None, "x" * 40)
    assert one.current != SigningKeys.from_settings(None, "y" * 40).current
    assert len(one.keys[one.current]) == 32


@pytest.mark.parametrize("algorithm", ["HS256", "HS384", "HS512"])
def test_tokens_are_the_bytes_jose_signs(algorithm: str) -> None:
    """Signing without jose changed no byte: same header, claims, order and signature."""
    clock = FixedClock()
    keys = SigningKeys.from_settings(f"b:{KEY_B},a:{KEY_A}", "unused")
    ours = JoseTokenCodec(keys, algorithm=algorithm, issuer="iss", audience="aud", clock=clock)
    for kind in (TokenType.ACCESS, TokenType.TWO_FACTOR):
        token = ours.encode(claims(clock, kind))
        payload = json.loads(base64.urlsafe_b64decode(token.split(".")[1] + "=="))
        assert token == jwt.encode(
            payload, keys.keys["b"], algorithm=algorithm, headers={"kid": "b"}
        )
        assert ours.decode(token, expected=kind).subject == USER
