"""The audit trail: the system view for auditors, one's own activity, and chain verification."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from adapters.http.audit.schemas import AuditChainRead, AuditEventPage, as_csv
from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import AUTHENTICATED, access, permission
from adapters.http.registry import provide
from adapters.http.temporal import IsoDateTime
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.audit.list_audit_events import ListAuditEvents, ListAuditEventsHandler
from usecases.audit.list_user_audit_events import (
    AuditedUserNotFound,
    ListUserAuditEvents,
    ListUserAuditEventsHandler,
)
from usecases.audit.ports import AuditFilter
from usecases.audit.verify_audit_chain import VerifyAuditChain, VerifyAuditChainHandler

router = APIRouter(prefix="/audit", tags=["audit"])

ListDep = Annotated[ListAuditEventsHandler, provide(ListAuditEventsHandler)]
CSV_RESPONSE: dict[int | str, dict[str, Any]] = {
    200: {
        "content": {"text/csv": {"schema": {"type": "string"}}},
        "description": "The page as JSON, or as CSV with `format=csv`.",
    }
}


def _render(page: AuditEventPage, fmt: str, raw_csv: str) -> AuditEventPage | Response:
    if fmt == "csv":
        return Response(
            raw_csv,
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="audit.csv"'},
        )
    return page


@router.get(
    "/system",
    summary="The audit trail, filtered (auditors: audit:read)",
    response_model=AuditEventPage,
    responses={**CSV_RESPONSE, **errors(PermissionDenied, ValidationFailed)},
)
@access(permission("audit:read"))
async def list_system_events(
    actor: CurrentActor,
    handler: ListDep,
    actor_id: Annotated[
        str | None, Query(max_length=64, description="A user's code (USR-7K2M9Q) or an API key id.")
    ] = None,
    action: Annotated[str | None, Query(max_length=120)] = None,
    resource_type: Annotated[str | None, Query(max_length=80)] = None,
    resource_id: Annotated[
        str | None, Query(max_length=120, description="A resource's id; a user's by their code.")
    ] = None,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    format: Literal["json", "csv"] = "json",
) -> AuditEventPage | Response:
    where = AuditFilter(
        actor_id=actor_id,
        action=action,
        resource_type=resource_type,
        resource_id=resource_id,
        since=since,
        until=until,
    )
    page = await handler.execute(
        ListAuditEvents(actor=actor, where=where, page=PageRequest(limit, cursor))
    )
    return _render(AuditEventPage.of(page), format, as_csv(page) if format == "csv" else "")


@router.get(
    "/me",
    summary="My own activity",
    response_model=AuditEventPage,
    responses={**CSV_RESPONSE, **errors(ValidationFailed)},
)
@access(AUTHENTICATED)
async def list_my_events(
    actor: CurrentActor,
    handler: ListDep,
    action: Annotated[str | None, Query(max_length=120)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    format: Literal["json", "csv"] = "json",
) -> AuditEventPage | Response:
    page = await handler.execute(
        ListAuditEvents(
            actor=actor,
            where=AuditFilter(action=action),
            page=PageRequest(limit, cursor),
            own_only=True,
        )
    )
    return _render(AuditEventPage.of(page), format, as_csv(page) if format == "csv" else "")


@router.get(
    "/user/{user_code}",
    summary="One user's trail: what they did and what was done to their account",
    response_model=AuditEventPage,
    responses={**CSV_RESPONSE, **errors(PermissionDenied, AuditedUserNotFound, ValidationFailed)},
)
@access(permission("audit:read"))
async def list_user_events(
    user_code: Annotated[str, Path(max_length=20, examples=["USR-7K2M9Q"])],
    actor: CurrentActor,
    handler: Annotated[ListUserAuditEventsHandler, provide(ListUserAuditEventsHandler)],
    action: Annotated[str | None, Query(max_length=120)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
    format: Literal["json", "csv"] = "json",
) -> AuditEventPage | Response:
    page = await handler.execute(
        ListUserAuditEvents(
            actor=actor, user_code=user_code, action=action, page=PageRequest(limit, cursor)
        )
    )
    return _render(AuditEventPage.of(page), format, as_csv(page) if format == "csv" else "")


@router.get(
    "/verify",
    summary="Verify the hash chain; reports the first broken link",
    responses=errors(PermissionDenied),
)
@access(permission("audit:read"))
async def verify_chain(
    actor: CurrentActor,
    handler: Annotated[VerifyAuditChainHandler, provide(VerifyAuditChainHandler)],
) -> AuditChainRead:
    return AuditChainRead.of(await handler.execute(VerifyAuditChain(actor=actor)))
