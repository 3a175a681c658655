"""The actor of a request made before anyone is signed in (registration, password reset)."""

from __future__ import annotations

from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.identity.public.authenticator import RequestOrigin


def origin_actor(origin: RequestOrigin, user_id: UserId | None = None) -> Actor:
    return Actor(
        kind="user" if user_id else "anonymous",
        user_id=user_id,
        ip=origin.ip,
        user_agent=origin.user_agent,
        request_id=origin.request_id,
    )
