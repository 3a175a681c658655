"""The Authenticator port for the whole app: a bearer access token becomes an Actor."""

from __future__ import annotations

from domain.identity.errors import TokenRevoked
from domain.identity.user import UserStatus
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.identity.ports import TokenCodec, TokenType
from usecases.identity.sessions import session_denylist_key
from usecases.identity.user_access import UserAccessCache
from usecases.shared.ports.authenticator import RequestOrigin
from usecases.shared.ports.token_denylist import TokenDenylist


class BearerAuthenticator:
    def __init__(
        self, *, codec: TokenCodec, denylist: TokenDenylist, access: UserAccessCache
    ) -> None:
        self._codec = codec
        self._denylist = denylist
        self._access = access

    async def from_bearer(self, token: str, origin: RequestOrigin) -> Actor:
        claims = self._codec.decode(token, expected=TokenType.ACCESS)
        if await self._denylist.is_denied(claims.token_id):
            raise TokenRevoked("This access token was revoked (logged out).")
        if claims.session_id is not None and await self._denylist.is_denied(
            session_denylist_key(str(claims.session_id))
        ):
            raise TokenRevoked("The session of this access token has ended.")
        access = await self._access.get(claims.subject)
        if access is None or access.status is not UserStatus.ACTIVE:
            raise TokenRevoked("This account cannot be used.")
        valid_after = access.tokens_valid_after
        # iat has whole seconds: tokens of the same second are caught by the session denylist.
        if valid_after is not None and claims.issued_at.timestamp() < int(valid_after.timestamp()):
            raise TokenRevoked("Every session of this account was ended after this token.")
        return Actor(
            kind="user",
            user_id=claims.subject,
            roles=claims.roles,
            session_id=str(claims.session_id) if claims.session_id else None,
            ip=origin.ip,
            user_agent=origin.user_agent,
            request_id=origin.request_id,
        )

    async def from_api_key(self, key: str, origin: RequestOrigin) -> Actor:
        raise Unauthenticated("API keys arrive with access control", code="api_key_unsupported")
