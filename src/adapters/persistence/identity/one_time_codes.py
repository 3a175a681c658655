"""One-time codes: only keyed digests are stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, insert, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import OneTimeCodeRow
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import update_one
from domain.identity.otp import OneTimeCode, OtpPurpose

ATTEMPT = ("attempts", "verified_at", "consumed_at", "ticket_digest")  # what a save changes


class SqlOtpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, code: OneTimeCode) -> None:
        await self._session.execute(
            insert(OneTimeCodeRow).values(**row_values(code, OneTimeCodeRow))
        )

    async def latest_for_update(
        self, purpose: OtpPurpose, subject: str, destination: str
    ) -> OneTimeCode | None:
        row = await self._session.scalar(
            select(OneTimeCodeRow)
            .where(
                OneTimeCodeRow.purpose == purpose.value,
                OneTimeCodeRow.subject == subject,
                OneTimeCodeRow.destination == destination,
            )
            .order_by(OneTimeCodeRow.created_at.desc(), OneTimeCodeRow.id.desc())
            .limit(1)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return to_domain(row, OneTimeCode) if row else None

    async def by_ticket_for_update(self, ticket_digest: str) -> OneTimeCode | None:
        row = await self._session.scalar(
            select(OneTimeCodeRow)
            .where(OneTimeCodeRow.ticket_digest == ticket_digest)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return to_domain(row, OneTimeCode) if row else None

    async def last_sent_at(self, purpose: OtpPurpose, destination: str) -> datetime | None:
        latest: datetime | None = await self._session.scalar(
            select(func.max(OneTimeCodeRow.created_at)).where(
                OneTimeCodeRow.purpose == purpose.value,
                OneTimeCodeRow.destination == destination,
            )
        )
        return latest

    async def sent_since(self, destination: str, since: datetime) -> int:
        count = await self._session.scalar(
            select(func.count())
            .select_from(OneTimeCodeRow)
            .where(OneTimeCodeRow.destination == destination, OneTimeCodeRow.created_at >= since)
        )
        return int(count or 0)

    async def save(self, code: OneTimeCode) -> None:
        changed = row_values(code, OneTimeCodeRow, only=ATTEMPT)
        await update_one(self._session, OneTimeCodeRow, OneTimeCodeRow.id == code.id, changed)
