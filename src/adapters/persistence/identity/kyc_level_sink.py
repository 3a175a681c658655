"""Identity's implementation of the shared KycLevelSink port: the KYC context's unit of work
writes a user's level onto ``users.kyc_level`` over its own session, so the level commits (or
rolls back) with the step change that caused it."""

from __future__ import annotations

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import UserRow
from domain.shared.ids import UserId


class SqlKycLevelSink:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def lock(self, user_id: UserId) -> int | None:
        level = await self._session.scalar(
            select(UserRow.kyc_level).where(UserRow.id == user_id).with_for_update()
        )
        return None if level is None else int(level)

    async def set_level(self, user_id: UserId, level: int) -> None:
        await self._session.execute(
            update(UserRow).where(UserRow.id == user_id).values(kyc_level=level)
        )
