"""Per-user overrides of the default (everything on)."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.notifications.models import PreferenceRow
from domain.notifications.preferences import Preference
from domain.shared.ids import UserId
from domain.shared.notification import Category, Channel


class SqlPreferenceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def overrides_for(self, user_id: UserId) -> dict[tuple[Category, Channel], bool]:
        rows = await self._session.execute(
            select(PreferenceRow.category, PreferenceRow.channel, PreferenceRow.enabled).where(
                PreferenceRow.user_id == user_id
            )
        )
        return {(Category(c), Channel(ch)): enabled for c, ch, enabled in rows}

    async def disabled_for(self, user_id: UserId) -> set[tuple[Category, Channel]]:
        return {key for key, enabled in (await self.overrides_for(user_id)).items() if not enabled}

    async def save(self, user_id: UserId, preferences: list[Preference], now: datetime) -> None:
        if not preferences:
            return
        statement = insert(PreferenceRow).values(
            [
                {
                    "user_id": user_id,
                    "category": p.category.value,
                    "channel": p.channel.value,
                    "enabled": p.enabled,
                    "updated_at": now,
                }
                for p in preferences
            ]
        )
        await self._session.execute(
            statement.on_conflict_do_update(
                index_elements=["user_id", "category", "channel"],
                set_={"enabled": statement.excluded.enabled, "updated_at": now},
            )
        )
