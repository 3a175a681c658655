"""In-app notifications and delivery preferences of the signed-in user."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.notifications.schemas import (
    MarkedReadRead,
    NotificationPage,
    NotificationRead,
    PreferencesRead,
    PreferencesUpdate,
    UnreadCountRead,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.registry import provide
from domain.notifications.preferences import SecurityMessagesRequired
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.notifications.count_unread_notifications import (
    CountUnreadNotifications,
    CountUnreadNotificationsHandler,
)
from usecases.notifications.get_notification_preferences import (
    GetNotificationPreferences,
    GetNotificationPreferencesHandler,
)
from usecases.notifications.list_notifications import (
    ListNotifications,
    ListNotificationsHandler,
)
from usecases.notifications.mark_all_notifications_read import (
    MarkAllNotificationsRead,
    MarkAllNotificationsReadHandler,
)
from usecases.notifications.mark_notification_read import (
    MarkNotificationRead,
    MarkNotificationReadHandler,
    NotificationNotFound,
)
from usecases.notifications.update_notification_preferences import (
    UpdateNotificationPreferences,
    UpdateNotificationPreferencesHandler,
)

router = APIRouter(prefix="/notifications", tags=["notifications"])


@router.get("", summary="My notifications, newest first", responses=errors(ValidationFailed))
@access(AUTHENTICATED)
async def list_notifications(
    actor: CurrentActor,
    handler: Annotated[ListNotificationsHandler, provide(ListNotificationsHandler)],
    unread: Annotated[bool, Query(description="Only unread notifications.")] = False,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> NotificationPage:
    page = await handler.execute(
        ListNotifications(actor=actor, unread_only=unread, page=PageRequest(limit, cursor))
    )
    return NotificationPage.of(page)


@router.get("/unread-count", summary="How many notifications are unread")
@access(AUTHENTICATED)
async def count_unread(
    actor: CurrentActor,
    handler: Annotated[CountUnreadNotificationsHandler, provide(CountUnreadNotificationsHandler)],
) -> UnreadCountRead:
    return UnreadCountRead(unread=await handler.execute(CountUnreadNotifications(actor=actor)))


@router.post(
    "/{notification_id}/read",
    summary="Mark one notification read",
    responses=errors(NotificationNotFound),
)
@access(OWNER)
async def mark_read(
    notification_id: UUID,
    actor: CurrentActor,
    handler: Annotated[MarkNotificationReadHandler, provide(MarkNotificationReadHandler)],
) -> NotificationRead:
    notification = await handler.execute(
        MarkNotificationRead(actor=actor, notification_id=notification_id)
    )
    return NotificationRead.of(notification)


@router.post("/read-all", summary="Mark every notification read")
@access(AUTHENTICATED)
async def mark_all_read(
    actor: CurrentActor,
    handler: Annotated[MarkAllNotificationsReadHandler, provide(MarkAllNotificationsReadHandler)],
) -> MarkedReadRead:
    return MarkedReadRead(marked=await handler.execute(MarkAllNotificationsRead(actor=actor)))


@router.get("/preferences", summary="My delivery preferences by category and channel")
@access(AUTHENTICATED)
async def get_preferences(
    actor: CurrentActor,
    handler: Annotated[
        GetNotificationPreferencesHandler, provide(GetNotificationPreferencesHandler)
    ],
) -> PreferencesRead:
    return PreferencesRead.of(await handler.execute(GetNotificationPreferences(actor=actor)))


@router.put(
    "/preferences",
    summary="Turn optional categories and channels on or off",
    responses=errors(SecurityMessagesRequired),
)
@access(AUTHENTICATED)
async def update_preferences(
    body: PreferencesUpdate,
    actor: CurrentActor,
    handler: Annotated[
        UpdateNotificationPreferencesHandler, provide(UpdateNotificationPreferencesHandler)
    ],
) -> PreferencesRead:
    changes = tuple(p.to_domain() for p in body.preferences)
    current = await handler.execute(UpdateNotificationPreferences(actor=actor, changes=changes))
    return PreferencesRead.of(current)
