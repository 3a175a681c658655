"""Suspicious activity: a user's failed and risky logins, for operators with audit:read."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.risk.schemas import SuspiciousActivityPage
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import access, permission
from adapters.http.registry import provide
from domain.identity.access import AUDIT_READ
from domain.identity.errors import UserNotFound
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.identity.risk.list_suspicious_activity import (
    ListSuspiciousActivity,
    ListSuspiciousActivityHandler,
)

router = APIRouter(prefix="/security", tags=["identity"])

Code = Annotated[str, Path(min_length=1, max_length=20, description="e.g. USR-7K2M9Q")]


@router.get(
    "/suspicious-activity/{user_code}",
    summary="A user's failed and risky logins with their risk reasons, newest first",
    responses=errors(PermissionDenied, UserNotFound, ValidationFailed),
)
@access(permission(AUDIT_READ))
async def list_suspicious_activity(
    user_code: Code,
    actor: CurrentActor,
    handler: Annotated[ListSuspiciousActivityHandler, provide(ListSuspiciousActivityHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> SuspiciousActivityPage:
    page = await handler.execute(
        ListSuspiciousActivity(actor=actor, user_code=user_code, page=PageRequest(limit, cursor))
    )
    return SuspiciousActivityPage.of(page)
