"""In-app notifications, newest first, with keyset pagination."""

from __future__ import annotations

from datetime import datetime
from uuid import UUID

from sqlalchemy import func, insert, select, tuple_, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import decode_cursor, encode_cursor
from adapters.persistence.notifications.mapping import in_app_to_domain, in_app_values
from adapters.persistence.notifications.models import InAppRow
from adapters.persistence.statements import update_one
from domain.notifications.in_app import InAppNotification
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest


class SqlInAppRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page_for(
        self, user_id: UserId, *, unread_only: bool, page: PageRequest
    ) -> Page[InAppNotification]:
        query = select(InAppRow).where(InAppRow.user_id == user_id)
        if unread_only:
            query = query.where(InAppRow.read_at.is_(None))
        if page.cursor:
            at, last_id = decode_cursor(page.cursor, scope="notifications")
            query = query.where(tuple_(InAppRow.created_at, InAppRow.id) < tuple_(at, last_id))
        query = query.order_by(InAppRow.created_at.desc(), InAppRow.id.desc()).limit(page.limit + 1)
        rows = list((await self._session.execute(query)).scalars())
        items = [in_app_to_domain(r) for r in rows[: page.limit]]
        more = len(rows) > page.limit
        cursor = (
            encode_cursor(items[-1].created_at, items[-1].id, scope="notifications")
            if more and items
            else None
        )
        return Page(items=items, next_cursor=cursor)

    async def count_unread(self, user_id: UserId) -> int:
        query = select(func.count()).where(InAppRow.user_id == user_id, InAppRow.read_at.is_(None))
        return int((await self._session.execute(query)).scalar_one())

    async def get_for_update(self, notification_id: UUID) -> InAppNotification | None:
        query = select(InAppRow).where(InAppRow.id == notification_id).with_for_update()
        row = (await self._session.execute(query)).scalar_one_or_none()
        return None if row is None else in_app_to_domain(row)

    async def add(self, notification: InAppNotification) -> None:
        await self._session.execute(insert(InAppRow).values(**in_app_values(notification)))

    async def save(self, notification: InAppNotification) -> None:
        values = in_app_values(notification)
        await update_one(self._session, InAppRow, InAppRow.id == notification.id, values)

    async def mark_all_read(self, user_id: UserId, now: datetime) -> int:
        result = await self._session.execute(
            update(InAppRow)
            .where(InAppRow.user_id == user_id, InAppRow.read_at.is_(None))
            .values(read_at=now)
            .execution_options(synchronize_session=False)
        )
        return int(getattr(result, "rowcount", 0))
