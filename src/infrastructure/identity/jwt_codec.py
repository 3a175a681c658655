"""JWTs with python-jose: HMAC under an explicit algorithm allowlist, ``kid`` for rotation,
issuer, audience and type checked; expiry and not-before judged by our clock.

Verifying a signature and parsing the claims with jose costs more than everything else an
authenticated read does, and a client presents the same access token on request after
request. So the claims of a token that *verified* are kept in a small in-process memo, keyed
by the whole token (signature included) and by the key that verified it; a hit skips jose,
never the checks that depend on time or use: the type, expiry and not-before are judged on
every decode, and revocation (the denylist, the session, the user's "valid after") is the
principal's, read on every request. A token signed with a key no longer configured misses
the memo and fails as before. Only tokens that verified get in, so a stranger cannot fill it
with garbage; it holds at most ``MEMO_SIZE`` tokens, the oldest dropped first.

Signing is done here with ``hmac`` (every allowed algorithm is an HMAC, HS256/384/512): the
same header, claims and bytes jose would produce (its compact JSON, the header's keys sorted),
at a fraction of jose's cost, which every login paid twice over."""

from __future__ import annotations

import base64
import hashlib
import hmac
import json
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from typing import Any, Final
from uuid import UUID

from jose import jwt  # type: ignore[import-untyped]
from jose.exceptions import JWTError  # type: ignore[import-untyped]

from domain.identity.errors import TokenExpired, TokenInvalid
from domain.identity.ids import SessionId
from domain.shared.clock import Clock
from domain.shared.ids import UserId
from infrastructure.identity.signing_keys import SigningKeys
from usecases.identity.authentication.ports import TokenClaims, TokenType

LEEWAY: Final = timedelta(seconds=30)
MAX_TOKEN_LENGTH: Final = 4096
MEMO_SIZE: Final = 4096  # verified tokens remembered per process
DIGESTS: Final[dict[str, Callable[[], Any]]] = {
    "HS256": hashlib.sha256,
    "HS384": hashlib.sha384,
    "HS512": hashlib.sha512,
}


def _b64(data: bytes) -> bytes:
    return base64.urlsafe_b64encode(data).rstrip(b"=")


def _json(value: dict[str, Any], *, sort_keys: bool = False) -> bytes:
    return json.dumps(value, separators=(",", ":"), sort_keys=sort_keys).encode()


def _epoch(moment: datetime) -> int:
    return int(moment.timestamp())


class JoseTokenCodec:
    def __init__(
        self, keys: SigningKeys, *, algorithm: str, issuer: str, audience: str, clock: Clock
    ) -> None:
        self._keys = keys
        self._algorithm = algorithm
        self._issuer = issuer
        self._audience = audience
        self._clock = clock
        self._verified: dict[str, tuple[bytes, dict[str, Any]]] = {}
        if algorithm not in DIGESTS:
            raise ValueError(f"unsupported JWT algorithm {algorithm!r}")
        self._digest = DIGESTS[algorithm]
        self._headers: dict[str, bytes] = {}  # encoded header per key id

    def _signed(self, payload: dict[str, Any]) -> str:
        kid = self._keys.current
        header = self._headers.get(kid)
        if header is None:
            header = _b64(_json({"alg": self._algorithm, "kid": kid, "typ": "JWT"}, sort_keys=True))
            self._headers[kid] = header
        signing_input = header + b"." + _b64(_json(payload))
        mac = hmac.new(self._keys.keys[kid], signing_input, self._digest).digest()
        return (signing_input + b"." + _b64(mac)).decode()

    def encode(self, claims: TokenClaims) -> str:
        payload: dict[str, Any] = {
            "iss": self._issuer,
            "aud": self._audience,
            "sub": str(claims.subject),
            "iat": _epoch(claims.issued_at),
            "nbf": _epoch(claims.issued_at),
            "exp": _epoch(claims.expires_at),
            "jti": claims.token_id,
            "typ": claims.token_type.value,
        }
        if claims.session_id is not None:
            payload["sid"] = str(claims.session_id)
        if claims.roles:
            payload["roles"] = sorted(claims.roles)
        if claims.device_id is not None:
            payload["did"] = claims.device_id
        return self._signed(payload)

    def decode(self, token: str, *, expected: TokenType) -> TokenClaims:
        if not token or len(token) > MAX_TOKEN_LENGTH:
            raise TokenInvalid("The token is malformed.")
        memo = self._verified.get(token)
        if memo is not None and memo[0] in self._keys.keys.values():
            return self._claims(memo[1], expected)
        try:
            header = jwt.get_unverified_header(token)
        except JWTError:
            raise TokenInvalid("The token is malformed.") from None
        key = self._keys.keys.get(str(header.get("kid")))
        if key is None or header.get("alg") != self._algorithm:
            raise TokenInvalid("The token was not signed by this service.")
        try:
            payload = jwt.decode(
                token,
                key,
                algorithms=[self._algorithm],
                audience=self._audience,
                issuer=self._issuer,
                options={
                    # exp, nbf and iat are required and judged below by the injected clock
                    # (jose's "require_" would force its own wall-clock check).
                    "verify_exp": False,
                    "verify_nbf": False,
                    "verify_iat": False,
                    "require_aud": True,
                    "require_iss": True,
                    "require_sub": True,
                    "require_jti": True,
                },
            )
        except JWTError:
            raise TokenInvalid("The token signature or claims are not valid.") from None
        claims = self._claims(payload, expected)
        if len(self._verified) >= MEMO_SIZE:
            del self._verified[next(iter(self._verified))]
        self._verified[token] = (key, payload)
        return claims

    def _claims(self, payload: dict[str, Any], expected: TokenType) -> TokenClaims:
        if payload.get("typ") != expected.value:
            raise TokenInvalid(f"This is not an {expected.value} token.")
        try:
            issued = datetime.fromtimestamp(int(payload["iat"]), UTC)
            not_before = datetime.fromtimestamp(int(payload["nbf"]), UTC)
            expires = datetime.fromtimestamp(int(payload["exp"]), UTC)
            subject = UserId(UUID(str(payload["sub"])))
            session = SessionId(UUID(str(payload["sid"]))) if "sid" in payload else None
            roles = frozenset(str(r) for r in payload.get("roles", ()))
        except (KeyError, TypeError, ValueError, OverflowError, OSError):
            raise TokenInvalid("The token claims are malformed.") from None
        now = self._clock.now()
        if now >= expires + LEEWAY:
            raise TokenExpired("The token has expired.")
        if now + LEEWAY < not_before:
            raise TokenInvalid("The token is not valid yet.")
        device = payload.get("did")
        return TokenClaims(
            token_type=expected,
            subject=subject,
            token_id=str(payload["jti"]),
            issued_at=issued,
            expires_at=expires,
            session_id=session,
            roles=roles,
            device_id=str(device) if device is not None else None,
        )
