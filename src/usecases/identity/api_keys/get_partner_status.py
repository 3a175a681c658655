"""The partner API's first read: that it is up, and what the calling key may do."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.identity.api_key import ApiKeyId, ApiKeyScopeMissing
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.errors import Unauthenticated
from usecases.identity.api_keys.views import PartnerStatusView
from usecases.identity.ports import IdentityUnitOfWork

SCOPE = "status:read"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetPartnerStatus:
    actor: Actor


class GetPartnerStatusHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: GetPartnerStatus) -> PartnerStatusView:
        if cmd.actor.kind != "api_key" or cmd.actor.api_key_id is None:
            raise Unauthenticated("an API key is required", code="missing_api_key")
        if not cmd.actor.may(SCOPE):
            raise ApiKeyScopeMissing(SCOPE)
        async with self._uow as uow:
            key = await uow.api_keys.get(ApiKeyId(UUID(cmd.actor.api_key_id)))
        return PartnerStatusView(
            status="ok",
            server_time=self._clock.now(),
            key_prefix=key.prefix if key else None,
            key_name=key.name if key else None,
            scopes=tuple(sorted(key.scopes)) if key else (),
            expires_at=key.expires_at if key else None,
        )
