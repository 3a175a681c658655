"""The partner API under ``/api/public/v1``: read-only, authenticated by an API key (the whole
key in ``X-API-Key``, or a signed request: docs/api_keys.md), each route needing a scope. It
can be switched off as a whole with the ``public_api`` feature."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from adapters.http.auth import ApiKeyActor, api_key_actor
from adapters.http.errors import errors
from adapters.http.identity.access_control.features import require_feature
from adapters.http.identity.api_keys.schemas import PartnerStatusRead
from adapters.http.policy import access, api_scope
from adapters.http.registry import provide
from domain.identity.api_key import (
    ApiKeyExpired,
    ApiKeyInvalid,
    ApiKeyIpNotAllowed,
    ApiKeyReplayed,
    ApiKeyRevoked,
    ApiKeyScopeMissing,
    ApiKeySignatureInvalid,
    ApiKeyTimestampOutOfWindow,
)
from domain.identity.errors import IpNotAllowed
from domain.identity.feature import FeatureDisabled, FeatureNotGranted
from domain.shared.errors import RateLimited
from usecases.identity.api_keys.get_partner_status import (
    SCOPE,
    GetPartnerStatus,
    GetPartnerStatusHandler,
)

PREFIX = "/api/public/v1"
FEATURE = "public_api"

router = APIRouter(
    tags=["public"],
    dependencies=[require_feature(FEATURE, api_key_actor)],
    responses=errors(
        ApiKeyInvalid,
        ApiKeyExpired,
        ApiKeyRevoked,
        ApiKeySignatureInvalid,
        ApiKeyTimestampOutOfWindow,
        ApiKeyReplayed,
        ApiKeyIpNotAllowed,
        IpNotAllowed,
        FeatureDisabled,
        FeatureNotGranted,
        RateLimited,
    ),
)


@router.get(
    "/status",
    summary="The partner API is up; the calling key's name, scopes and expiry",
    responses=errors(ApiKeyScopeMissing),
)
@access(api_scope(SCOPE))
async def get_status(
    actor: ApiKeyActor,
    handler: Annotated[GetPartnerStatusHandler, provide(GetPartnerStatusHandler)],
) -> PartnerStatusRead:
    return PartnerStatusRead.of(await handler.execute(GetPartnerStatus(actor=actor)))
