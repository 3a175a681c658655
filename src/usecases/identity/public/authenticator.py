"""Authenticator port: turns presented credentials into an Actor (identity implements it)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from domain.shared.actor import Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class RequestOrigin:
    ip: str | None
    user_agent: str | None
    request_id: str | None


@dataclass(frozen=True, slots=True, kw_only=True)
class SignedRequest:
    """What a signed API-key request presents (``domain/identity/request_signing.py``)."""

    timestamp: str
    signature: str
    method: str
    target: str  # the path, and "?" and the query when there is one, exactly as sent
    body: bytes


@dataclass(frozen=True, slots=True, kw_only=True)
class PresentedKey:
    """An API key on a route that accepts keys with ``scope``: the whole key (``X-API-Key``)
    or, signed, the key id ``mk_<prefix>`` (``X-MK-Key``) with the signature."""

    key: str
    scope: str
    method: str
    signed: SignedRequest | None = None


class Authenticator(Protocol):
    async def from_bearer(self, token: str, origin: RequestOrigin) -> Actor:
        """The actor of a valid access token; raises ``Unauthenticated`` otherwise."""
        ...

    async def from_api_key(self, presented: PresentedKey, origin: RequestOrigin) -> Actor:
        """The key's owner, limited to the key's scopes, when the key is valid, usable, holds
        ``presented.scope``, is used from an allowed address within its rate limit and (for a
        state-changing request, or whenever sent) carries a fresh, unseen, valid signature;
        raises ``Unauthenticated``, ``PermissionDenied`` or ``RateLimited`` otherwise."""
        ...
