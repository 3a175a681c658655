"""Revoke an API key: refused from the next request on."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.api_key import ApiKeyId
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.administration.admin_support import audit
from usecases.identity.api_keys.api_key_access import key_for, owner_code
from usecases.identity.api_keys.views import ApiKeyView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class RevokeApiKey:
    actor: Actor
    key_id: ApiKeyId


class RevokeApiKeyHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: RevokeApiKey) -> ApiKeyView:
        now = self._clock.now()
        async with self._uow as uow:
            key = await key_for(uow, cmd.actor, cmd.key_id, for_update=True)
            key.revoke(now)
            await uow.api_keys.save(key)
            code = await owner_code(uow, key)
            audit(uow, cmd.actor, "api_key_revoked", key.prefix, now=now)
            await uow.commit()
        return ApiKeyView.of(key, now=now, owner_code=code)
