"""Who is calling: FastAPI dependencies that turn credentials into an ``Actor``.

Routers only *identify* the caller; every access decision is the use case's."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from adapters.http.registry import HandlerRegistry
from adapters.http.request_context import user_id_var
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from usecases.identity.public.authenticator import Authenticator, RequestOrigin

bearer_scheme = HTTPBearer(auto_error=False, scheme_name="bearerAuth")
api_key_scheme = APIKeyHeader(name="X-API-Key", auto_error=False, scheme_name="apiKeyAuth")


def request_origin(request: Request) -> RequestOrigin:
    return RequestOrigin(
        ip=request.client.host if request.client else None,
        user_agent=request.headers.get("user-agent"),
        request_id=request.scope.get("state", {}).get("request_id"),
    )


def _authenticator(request: Request) -> Authenticator:
    registry: HandlerRegistry = request.app.state.handlers
    try:
        return registry.resolve(Authenticator)  # type: ignore[type-abstract]
    except LookupError:  # deny by default: no identity provider wired, nobody gets in
        raise Unauthenticated("authentication is not available", code="unauthenticated") from None


def _remember(request: Request, actor: Actor) -> Actor:
    if actor.user_id is not None:
        request.scope.setdefault("state", {})["user_id"] = str(actor.user_id)
        user_id_var.set(str(actor.user_id))
    return actor


async def current_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Actor:
    if credentials is None:
        raise Unauthenticated("a bearer access token is required", code="missing_token")
    actor = await _authenticator(request).from_bearer(
        credentials.credentials, request_origin(request)
    )
    return _remember(request, actor)


async def optional_actor(
    request: Request,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)],
) -> Actor:
    """The authenticated actor when a token is presented, else an anonymous one."""
    origin = request_origin(request)
    if credentials is None:
        return Actor.anonymous(
            ip=origin.ip, user_agent=origin.user_agent, request_id=origin.request_id
        )
    actor = await _authenticator(request).from_bearer(credentials.credentials, origin)
    return _remember(request, actor)


async def api_key_actor(
    request: Request, key: Annotated[str | None, Depends(api_key_scheme)]
) -> Actor:
    if not key:
        raise Unauthenticated("an X-API-Key header is required", code="missing_api_key")
    return _remember(
        request, await _authenticator(request).from_api_key(key, request_origin(request))
    )


CurrentActor = Annotated[Actor, Depends(current_actor)]
OptionalActor = Annotated[Actor, Depends(optional_actor)]
ApiKeyActor = Annotated[Actor, Depends(api_key_actor)]
