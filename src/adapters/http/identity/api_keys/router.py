"""API keys for programmatic clients and the partner API: create (the secret is shown once),
list, read, change the allowlist and rate limit, revoke, rotate."""

from __future__ import annotations

from datetime import timedelta
from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.api_keys.schemas import (
    ApiKeyCreate,
    ApiKeyPage,
    ApiKeyRead,
    ApiKeyRotationCreate,
    ApiKeySecretRead,
    ApiKeyUpdate,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access, owner_or
from adapters.http.registry import provide
from domain.identity.access import API_KEYS_MANAGE
from domain.identity.api_key import ApiKeyId, ApiKeyNotActive, ApiKeyNotFound
from domain.identity.errors import PlatformNotGranted
from domain.identity.security_settings import InvalidCidr
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.identity.api_keys.create_api_key import CreateApiKey, CreateApiKeyHandler
from usecases.identity.api_keys.get_api_key import GetApiKey, GetApiKeyHandler
from usecases.identity.api_keys.list_api_keys import ListApiKeys, ListApiKeysHandler
from usecases.identity.api_keys.revoke_api_key import RevokeApiKey, RevokeApiKeyHandler
from usecases.identity.api_keys.rotate_api_key import RotateApiKey, RotateApiKeyHandler
from usecases.identity.api_keys.update_api_key import UpdateApiKey, UpdateApiKeyHandler

router = APIRouter(prefix="/api-keys", tags=["identity"])


@router.post(
    "",
    status_code=201,
    summary="Create an API key (needs access to the api platform); the secret is shown once",
    responses=errors(PlatformNotGranted, ValidationFailed, InvalidCidr),
)
@access(AUTHENTICATED)
async def create_api_key(
    body: ApiKeyCreate,
    actor: CurrentActor,
    handler: Annotated[CreateApiKeyHandler, provide(CreateApiKeyHandler)],
) -> ApiKeySecretRead:
    issued = await handler.execute(
        CreateApiKey(
            actor=actor,
            name=body.name,
            scopes=tuple(body.scopes),
            expires_at=body.expires_at,
            rate_limit_per_minute=body.rate_limit_per_minute,
            ip_allowlist=tuple(body.ip_allowlist),
        )
    )
    return ApiKeySecretRead.of(issued)


@router.get(
    "",
    summary="My API keys, newest first (with `everyone`: every key, for api_keys:manage)",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(AUTHENTICATED)
async def list_api_keys(
    actor: CurrentActor,
    handler: Annotated[ListApiKeysHandler, provide(ListApiKeysHandler)],
    everyone: Annotated[bool, Query()] = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ApiKeyPage:
    page = await handler.execute(
        ListApiKeys(actor=actor, page=PageRequest(limit, cursor), everyone=everyone)
    )
    return page_of(ApiKeyPage, ApiKeyRead.of, page)


@router.get("/{key_id}", summary="One API key", responses=errors(ApiKeyNotFound))
@access(owner_or(API_KEYS_MANAGE))
async def get_api_key(
    key_id: UUID,
    actor: CurrentActor,
    handler: Annotated[GetApiKeyHandler, provide(GetApiKeyHandler)],
) -> ApiKeyRead:
    return ApiKeyRead.of(await handler.execute(GetApiKey(actor=actor, key_id=ApiKeyId(key_id))))


@router.patch(
    "/{key_id}",
    summary="Change an API key's IP allowlist or rate limit, from the next request on",
    responses=errors(ApiKeyNotFound, ApiKeyNotActive, ValidationFailed, InvalidCidr),
)
@access(owner_or(API_KEYS_MANAGE))
async def update_api_key(
    key_id: UUID,
    body: ApiKeyUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateApiKeyHandler, provide(UpdateApiKeyHandler)],
) -> ApiKeyRead:
    view = await handler.execute(
        UpdateApiKey(
            actor=actor,
            key_id=ApiKeyId(key_id),
            ip_allowlist=None if body.ip_allowlist is None else tuple(body.ip_allowlist),
            rate_limit_per_minute=body.rate_limit_per_minute,
        )
    )
    return ApiKeyRead.of(view)


@router.post(
    "/{key_id}/revoke",
    summary="Revoke an API key: refused from the next request on",
    responses=errors(ApiKeyNotFound),
)
@access(owner_or(API_KEYS_MANAGE))
async def revoke_api_key(
    key_id: UUID,
    actor: CurrentActor,
    handler: Annotated[RevokeApiKeyHandler, provide(RevokeApiKeyHandler)],
) -> ApiKeyRead:
    view = await handler.execute(RevokeApiKey(actor=actor, key_id=ApiKeyId(key_id)))
    return ApiKeyRead.of(view)


@router.post(
    "/{key_id}/rotate",
    status_code=201,
    summary="Rotate an API key: a new secret; the old one works for the grace period",
    responses=errors(ApiKeyNotFound, ApiKeyNotActive, ValidationFailed),
)
@access(owner_or(API_KEYS_MANAGE))
async def rotate_api_key(
    key_id: UUID,
    actor: CurrentActor,
    handler: Annotated[RotateApiKeyHandler, provide(RotateApiKeyHandler)],
    body: ApiKeyRotationCreate | None = None,
) -> ApiKeySecretRead:
    grace = timedelta(seconds=(body or ApiKeyRotationCreate()).grace_seconds)
    issued = await handler.execute(RotateApiKey(actor=actor, key_id=ApiKeyId(key_id), grace=grace))
    return ApiKeySecretRead.of(issued)
