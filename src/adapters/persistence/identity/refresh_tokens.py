"""Refresh tokens: digests only; claiming one is a conditional UPDATE, so exactly one of any
number of concurrent presentations wins."""

from __future__ import annotations

from datetime import datetime
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RefreshTokenRow
from adapters.persistence.mapping import row_values, to_domain
from domain.identity.session import RefreshTokenRecord

_INSERT = insert(cast(Table, RefreshTokenRow.__table__))  # built once (see sessions.py)


def _record(row: Any) -> RefreshTokenRecord:
    return to_domain(row, RefreshTokenRecord, digest=row.token_digest)


def token_values(token: RefreshTokenRecord) -> dict[str, Any]:
    return row_values(token, RefreshTokenRow, token_digest=token.digest)


class SqlRefreshTokenRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, token: RefreshTokenRecord) -> None:
        await self._session.execute(_INSERT, token_values(token))

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
        return _record(row)

    async def find(self, digest: str) -> RefreshTokenRecord | None:
        row = await self._session.scalar(
            select(RefreshTokenRow).where(RefreshTokenRow.token_digest == digest)
        )
        return _record(row) if row else None
