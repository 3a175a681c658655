"""The object-level check of the API-key use cases: the key's owner, or ``api_keys:manage``.
Anyone else gets the same 404 as for an unknown id."""

from __future__ import annotations

from domain.identity.access import API_KEYS_MANAGE
from domain.identity.api_key import ApiKey, ApiKeyId, ApiKeyNotFound
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authenticated, owner_or
from usecases.identity.ports import IdentityUnitOfWork


async def key_for(
    uow: IdentityUnitOfWork, actor: Actor, key_id: ApiKeyId, *, for_update: bool = False
) -> ApiKey:
    authenticated(actor)
    key = await uow.api_keys.get(key_id, for_update=for_update)
    if key is None or not owner_or(actor, key.owner_id, API_KEYS_MANAGE):
        raise ApiKeyNotFound()
    return key


async def owner_code(uow: IdentityUnitOfWork, key: ApiKey) -> str | None:
    owner = await uow.users.get(key.owner_id)
    return owner.code if owner else None
