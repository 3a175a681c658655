"""Authenticator credentials (sealed secrets) and recovery codes (digests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, insert, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RecoveryCodeRow, TotpCredentialRow
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import upsert
from domain.identity.two_factor import TotpCredential
from domain.shared.ids import UserId


class SqlTotpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> TotpCredential | None:
        row = await self._session.get(TotpCredentialRow, user_id, populate_existing=True)
        return to_domain(row, TotpCredential) if row else None

    async def get_for_update(self, user_id: UserId) -> TotpCredential | None:
        row = await self._session.get(
            TotpCredentialRow, user_id, with_for_update=True, populate_existing=True
        )
        return to_domain(row, TotpCredential) if row else None

    async def put(self, credential: TotpCredential) -> None:
        values = row_values(credential, TotpCredentialRow)
        await self._session.execute(upsert(TotpCredentialRow, values, key=["user_id"]))

    async def remove(self, user_id: UserId) -> None:
        await self._session.execute(
            delete(TotpCredentialRow).where(TotpCredentialRow.user_id == user_id)
        )


class SqlRecoveryCodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def replace(self, user_id: UserId, digests: Sequence[str], *, now: datetime) -> None:
        await self.remove_all(user_id)
        if digests:
            await self._session.execute(
                insert(RecoveryCodeRow),
                [{"user_id": user_id, "code_digest": d, "created_at": now} for d in digests],
            )

    async def consume(self, user_id: UserId, digest: str, *, now: datetime) -> bool:
        used = await self._session.scalar(
            update(RecoveryCodeRow)
            .where(
                RecoveryCodeRow.user_id == user_id,
                RecoveryCodeRow.code_digest == digest,
                RecoveryCodeRow.used_at.is_(None),
            )
            .values(used_at=now)
            .returning(RecoveryCodeRow.id)
        )
        return used is not None

    async def remove_all(self, user_id: UserId) -> None:
        await self._session.execute(
            delete(RecoveryCodeRow).where(RecoveryCodeRow.user_id == user_id)
        )
