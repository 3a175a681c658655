"""Authenticator credentials (sealed secrets) and recovery codes (digests)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RecoveryCodeRow, TotpCredentialRow
from domain.identity.two_factor import TotpCredential
from domain.shared.ids import UserId


def _to_credential(row: TotpCredentialRow) -> TotpCredential:
    return TotpCredential(
        user_id=UserId(row.user_id),
        sealed_secret=row.sealed_secret,
        created_at=row.created_at,
        enabled_at=row.enabled_at,
        last_used_step=row.last_used_step,
    )


class SqlTotpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId) -> TotpCredential | None:
        row = await self._session.get(TotpCredentialRow, user_id)
        return _to_credential(row) if row else None

    async def get_for_update(self, user_id: UserId) -> TotpCredential | None:
        row = await self._session.get(
            TotpCredentialRow, user_id, with_for_update=True, populate_existing=True
        )
        return _to_credential(row) if row else None

    async def put(self, credential: TotpCredential) -> None:
        row = await self._session.get(TotpCredentialRow, credential.user_id)
        if row is None:
            row = TotpCredentialRow(user_id=credential.user_id)
            self._session.add(row)
        row.sealed_secret = credential.sealed_secret
        row.created_at = credential.created_at
        row.enabled_at = credential.enabled_at
        row.last_used_step = credential.last_used_step

    async def remove(self, user_id: UserId) -> None:
        row = await self._session.get(TotpCredentialRow, user_id)
        if row is not None:
            await self._session.delete(row)


class SqlRecoveryCodeRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def replace(self, user_id: UserId, digests: Sequence[str], *, now: datetime) -> None:
        await self.remove_all(user_id)
        self._session.add_all(
            RecoveryCodeRow(user_id=user_id, code_digest=d, created_at=now, used_at=None)
            for d in digests
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
