"""KYC's ``KycLevels`` on another context's session: the level from the steps' states (the
source of truth), read inside the caller's transaction."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.submissions import SqlSubmissionRepository
from domain.kyc.levels import level_of
from domain.shared.ids import UserId


class SqlKycLevels:
    def __init__(self, session: AsyncSession) -> None:
        self._submissions = SqlSubmissionRepository(session)

    async def level(self, user_id: UserId) -> int:
        return level_of(await self._submissions.states(user_id))
