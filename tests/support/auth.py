"""A stand-in Authenticator for API tests of contexts other than identity: a bearer token
``user:<uuid>`` is that user. Identity's own tests use real tokens."""

from __future__ import annotations

from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.ids import UserId
from usecases.shared.ports.authenticator import RequestOrigin


class TokenIsUserAuthenticator:
    async def from_bearer(self, token: str, origin: RequestOrigin) -> Actor:
        prefix, _, raw = token.partition(":")
        try:
            user_id = UUID(raw)
        except ValueError:
            user_id = None
        if prefix != "user" or user_id is None:
            raise Unauthenticated("invalid access token", code="token_invalid")
        return Actor(
            kind="user", user_id=UserId(user_id), ip=origin.ip, request_id=origin.request_id
        )

    async def from_api_key(self, key: str, origin: RequestOrigin) -> Actor:
        raise Unauthenticated("no API keys here", code="api_key_invalid")


def bearer(user_id: UUID) -> dict[str, str]:
    return {"Authorization": f"Bearer user:{user_id}"}
