"""Who is calling: FastAPI dependencies that turn credentials into an ``Actor``.

Routers only *identify* the caller; every access decision is the use case's, with one
exception made here, before the route runs: an API key is accepted only by a route whose
``@access(...)`` names a key scope (deny by default), and only when the key holds that scope.
A key is presented whole in ``X-API-Key`` (reads only) or as a signed request
(``X-MK-Key``, ``X-MK-Timestamp``, ``X-MK-Signature``; docs/api_keys.md)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPBearer

from adapters.http.policy import policy_of
from adapters.http.registry import HandlerRegistry
from adapters.http.request_context import user_id_var
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied, Unauthenticated
from usecases.identity.public.authenticator import (
    Authenticator,
    PresentedKey,
    RequestOrigin,
    SignedRequest,
)

KEY_HEADER = "X-API-Key"
SIGNED_KEY_HEADER = "X-MK-Key"
TIMESTAMP_HEADER = "X-MK-Timestamp"
SIGNATURE_HEADER = "X-MK-Signature"

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


def _accepted_key_scope(request: Request) -> str | None:
    """The key scope the matched route declares (None: the route refuses API keys)."""
    endpoint = getattr(request.scope.get("route"), "endpoint", None)
    policy = policy_of(endpoint, "") if endpoint is not None else None
    return policy.accepted_key_scope if policy is not None else None


def _target(request: Request) -> str:
    """The path and query exactly as the client sent them (what a signature covers)."""
    raw = request.scope.get("raw_path") or request.url.path.encode()
    query = request.scope.get("query_string") or b""
    path = raw.decode("latin-1")
    return f"{path}?{query.decode('latin-1')}" if query else path


def _has_key(request: Request) -> bool:
    return SIGNED_KEY_HEADER in request.headers or KEY_HEADER in request.headers


async def _presented_key(request: Request, scope: str) -> PresentedKey | None:
    headers = request.headers
    key_id = headers.get(SIGNED_KEY_HEADER)
    if key_id is not None:
        timestamp, signature = headers.get(TIMESTAMP_HEADER), headers.get(SIGNATURE_HEADER)
        if not timestamp or not signature:
            raise Unauthenticated(
                f"{SIGNED_KEY_HEADER} needs {TIMESTAMP_HEADER} and {SIGNATURE_HEADER}",
                code="api_key_signature_invalid",
            )
        signed = SignedRequest(
            timestamp=timestamp,
            signature=signature,
            method=request.method,
            target=_target(request),
            body=await request.body(),
        )
        return PresentedKey(key=key_id, scope=scope, method=request.method, signed=signed)
    whole = headers.get(KEY_HEADER)
    return PresentedKey(key=whole, scope=scope, method=request.method) if whole else None


async def _key_actor(request: Request) -> Actor:
    scope = _accepted_key_scope(request)
    if scope is None:  # deny by default: this route names no key scope
        raise PermissionDenied(
            "This route does not accept API keys: sign in as a user.", code="api_key_not_accepted"
        )
    presented = await _presented_key(request, scope)
    if presented is None:
        raise Unauthenticated(f"an {KEY_HEADER} header is required", code="missing_api_key")
    actor = await _authenticator(request).from_api_key(presented, request_origin(request))
    return _remember(request, actor)


def _bearer_token(request: Request) -> str | None:
    """The token of an ``Authorization: Bearer <token>`` header (any case of "Bearer"), as
    FastAPI's ``HTTPBearer(auto_error=False)`` reads it; None for none or another scheme."""
    authorization = request.headers.get("authorization")
    if not authorization:
        return None
    scheme, _, token = authorization.partition(" ")
    token = token.strip()
    if not scheme or not token or scheme.lower() != "bearer":
        return None
    return token


class _BearerActor(HTTPBearer):
    """The caller of a bearer-token route, as one dependency: the security scheme itself, so
    the OpenAPI document declares ``bearerAuth`` on every operation that uses it (as a
    separate ``HTTPBearer`` dependency did), while a request solves one dependency, not two,
    and reads the header once."""

    def __init__(self, *, optional: bool) -> None:
        super().__init__(auto_error=False, scheme_name=bearer_scheme.scheme_name)
        self.optional = optional

    async def __call__(self, request: Request) -> Actor:  # type: ignore[override]
        token = _bearer_token(request)
        if token is None:
            if self.optional:
                origin = request_origin(request)
                return Actor.anonymous(
                    ip=origin.ip, user_agent=origin.user_agent, request_id=origin.request_id
                )
            if _has_key(request):
                return await _key_actor(request)
            raise Unauthenticated("a bearer access token is required", code="missing_token")
        actor = await _authenticator(request).from_bearer(token, request_origin(request))
        return _remember(request, actor)


current_actor = _BearerActor(optional=False)
optional_actor = _BearerActor(optional=True)
"""The authenticated actor when a token is presented, else an anonymous one."""


async def api_key_actor(
    request: Request, key: Annotated[str | None, Depends(api_key_scheme)]
) -> Actor:
    """The partner API: an API key only (whole or signed), never a bearer token."""
    del key  # declared for the OpenAPI document; read with the signed headers below
    if not _has_key(request):
        raise Unauthenticated(f"an {KEY_HEADER} header is required", code="missing_api_key")
    return await _key_actor(request)


CurrentActor = Annotated[Actor, Depends(current_actor)]
OptionalActor = Annotated[Actor, Depends(optional_actor)]
ApiKeyActor = Annotated[Actor, Depends(api_key_actor)]
