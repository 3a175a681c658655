"""One API key (without its secret)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.api_key import ApiKeyId
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.api_keys.api_key_access import key_for, owner_code
from usecases.identity.api_keys.views import ApiKeyView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetApiKey:
    actor: Actor
    key_id: ApiKeyId


class GetApiKeyHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: GetApiKey) -> ApiKeyView:
        async with self._uow as uow:
            key = await key_for(uow, cmd.actor, cmd.key_id)
            code = await owner_code(uow, key)
        return ApiKeyView.of(key, now=self._clock.now(), owner_code=code)
