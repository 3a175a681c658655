"""Refresh tokens: digests only; claiming one is a conditional UPDATE, so exactly one of any
number of concurrent presentations wins."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RefreshTokenRow
from domain.identity.ids import SessionId
from domain.identity.session import RefreshTokenRecord
from domain.shared.ids import UserId


def _to_record(row: RefreshTokenRow) -> RefreshTokenRecord:
    return RefreshTokenRecord(
        session_id=SessionId(row.session_id),
        user_id=UserId(row.user_id),
        digest=row.token_digest,
        issued_at=row.issued_at,
        expires_at=row.expires_at,
        used_at=row.used_at,
    )


class SqlRefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: RefreshTokenRecord) -> None:
        self._session.add(
            RefreshTokenRow(
                session_id=token.session_id,
                user_id=token.user_id,
                token_digest=token.digest,
                issued_at=token.issued_at,
                expires_at=token.expires_at,
                used_at=token.used_at,
            )
        )

    async def claim(self, digest: str, *, now: datetime) -> RefreshTokenRecord | None:
        row = (
            await self._session.execute(
                update(RefreshTokenRow)
                .where(RefreshTokenRow.token_digest == digest, RefreshTokenRow.used_at.is_(None))
                .values(used_at=now)
                .returning(
                    RefreshTokenRow.session_id,
                    RefreshTokenRow.user_id,
                    RefreshTokenRow.token_digest,
                    RefreshTokenRow.issued_at,
                    RefreshTokenRow.expires_at,
                    RefreshTokenRow.used_at,
                )
            )
        ).first()
        if row is None:
            return None
        return RefreshTokenRecord(
            session_id=SessionId(row.session_id),
            user_id=UserId(row.user_id),
            digest=row.token_digest,
            issued_at=row.issued_at,
            expires_at=row.expires_at,
            used_at=row.used_at,
        )

    async def find(self, digest: str) -> RefreshTokenRecord | None:
        row = await self._session.scalar(
            select(RefreshTokenRow).where(RefreshTokenRow.token_digest == digest)
        )
        return _to_record(row) if row else None
