"""My sessions and devices."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.authentication.session_schemas import (
    DevicePage,
    DeviceRead,
    LoginActivityPage,
    LoginActivityRead,
    SessionPage,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.registry import provide
from domain.identity.errors import DeviceNotFound, SessionNotFound
from domain.identity.ids import DeviceId, SessionId
from domain.shared.errors import RateLimited, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.identity.authentication.forget_device import ForgetDevice, ForgetDeviceHandler
from usecases.identity.authentication.list_devices import ListDevices, ListDevicesHandler
from usecases.identity.authentication.list_login_activity import (
    ListLoginActivity,
    ListLoginActivityHandler,
)
from usecases.identity.authentication.list_sessions import ListSessions, ListSessionsHandler
from usecases.identity.authentication.revoke_session import RevokeSession, RevokeSessionHandler

router = APIRouter(prefix="/auth", tags=["identity"])


@router.get(
    "/sessions",
    summary="My active sessions, newest first, this one marked `current`",
    responses=errors(ValidationFailed, RateLimited),
)
@access(AUTHENTICATED)
async def list_sessions(
    actor: CurrentActor,
    handler: Annotated[ListSessionsHandler, provide(ListSessionsHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> SessionPage:
    page = await handler.execute(ListSessions(actor=actor, page=PageRequest(limit, cursor)))
    return SessionPage.of(page)


@router.delete(
    "/sessions/{session_id}",
    status_code=204,
    summary="End one of my sessions",
    responses=errors(SessionNotFound, RateLimited),
)
@access(OWNER)
async def revoke_session(
    session_id: UUID,
    actor: CurrentActor,
    handler: Annotated[RevokeSessionHandler, provide(RevokeSessionHandler)],
) -> Response:
    await handler.execute(RevokeSession(actor=actor, session_id=SessionId(session_id)))
    return Response(status_code=204)


@router.get(
    "/devices",
    summary="The devices I have logged in from, most recently seen first",
    responses=errors(ValidationFailed, RateLimited),
)
@access(AUTHENTICATED)
async def list_devices(
    actor: CurrentActor,
    handler: Annotated[ListDevicesHandler, provide(ListDevicesHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> DevicePage:
    page = await handler.execute(ListDevices(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(DevicePage, DeviceRead.of, page)


@router.delete(
    "/devices/{device_id}",
    status_code=204,
    summary="Forget a device and end its sessions",
    responses=errors(DeviceNotFound, RateLimited),
)
@access(OWNER)
async def forget_device(
    device_id: UUID,
    actor: CurrentActor,
    handler: Annotated[ForgetDeviceHandler, provide(ForgetDeviceHandler)],
) -> Response:
    await handler.execute(ForgetDevice(actor=actor, device_id=DeviceId(device_id)))
    return Response(status_code=204)


@router.get(
    "/activity",
    summary="My logins and security changes, newest first",
    responses=errors(ValidationFailed, RateLimited),
)
@access(AUTHENTICATED)
async def list_login_activity(
    actor: CurrentActor,
    handler: Annotated[ListLoginActivityHandler, provide(ListLoginActivityHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> LoginActivityPage:
    page = await handler.execute(ListLoginActivity(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(LoginActivityPage, LoginActivityRead.of, page)
