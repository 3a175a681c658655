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


class Authenticator(Protocol):
    async def from_bearer(self, token: str, origin: RequestOrigin) -> Actor:
        """The actor of a valid access token; raises ``Unauthenticated`` otherwise."""
        ...

    async def from_api_key(self, key: str, origin: RequestOrigin) -> Actor:
        """The actor of a valid API key; raises ``Unauthenticated`` otherwise."""
        ...
