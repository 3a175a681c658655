"""Who is asking: every use case receives an Actor and decides access from it."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

from domain.shared.ids import UserId

ActorKind = Literal["user", "api_key", "system", "anonymous"]


@dataclass(frozen=True, slots=True, kw_only=True)
class Actor:
    kind: ActorKind
    user_id: UserId | None = None
    roles: frozenset[str] = field(default_factory=frozenset)
    permissions: frozenset[str] = field(default_factory=frozenset)
    session_id: str | None = None
    api_key_id: str | None = None
    ip: str | None = None
    user_agent: str | None = None
    request_id: str | None = None

    @classmethod
    def anonymous(
        cls, *, ip: str | None = None, user_agent: str | None = None, request_id: str | None = None
    ) -> Actor:
        return cls(kind="anonymous", ip=ip, user_agent=user_agent, request_id=request_id)

    @classmethod
    def system(cls, name: str = "system") -> Actor:
        return cls(kind="system", roles=frozenset({name}))

    @property
    def is_authenticated(self) -> bool:
        return self.kind != "anonymous"

    def may(self, permission: str) -> bool:
        """Holds ``permission`` through one of its roles (system actors may do anything)."""
        return self.kind == "system" or permission in self.permissions

    def owns(self, owner: UserId | None) -> bool:
        return owner is not None and self.user_id == owner
