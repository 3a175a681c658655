"""One-time codes: only keyed digests are stored."""

from __future__ import annotations

from datetime import datetime

from sqlalchemy import func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import OneTimeCodeRow
from domain.identity.ids import OtpId
from domain.identity.otp import OneTimeCode, OtpPurpose


def _to_code(row: OneTimeCodeRow) -> OneTimeCode:
    return OneTimeCode(
        id=OtpId(row.id),
        purpose=OtpPurpose(row.purpose),
        destination=row.destination,
        subject=row.subject,
        code_digest=row.code_digest,
        created_at=row.created_at,
        expires_at=row.expires_at,
        max_attempts=row.max_attempts,
        attempts=row.attempts,
        verified_at=row.verified_at,
        consumed_at=row.consumed_at,
        ticket_digest=row.ticket_digest,
    )


class SqlOtpRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, code: OneTimeCode) -> None:
        self._session.add(
            OneTimeCodeRow(
                id=code.id,
                purpose=code.purpose.value,
                destination=code.destination,
                subject=code.subject,
                code_digest=code.code_digest,
                attempts=code.attempts,
                max_attempts=code.max_attempts,
                created_at=code.created_at,
                expires_at=code.expires_at,
                verified_at=code.verified_at,
                consumed_at=code.consumed_at,
                ticket_digest=code.ticket_digest,
            )
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
        return _to_code(row) if row else None

    async def by_ticket_for_update(self, ticket_digest: str) -> OneTimeCode | None:
        row = await self._session.scalar(
            select(OneTimeCodeRow)
            .where(OneTimeCodeRow.ticket_digest == ticket_digest)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return _to_code(row) if row else None

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
        row = await self._session.get(OneTimeCodeRow, code.id)
        if row is None:
            raise LookupError(f"one-time code {code.id} vanished")
        row.attempts = code.attempts
        row.verified_at = code.verified_at
        row.consumed_at = code.consumed_at
        row.ticket_digest = code.ticket_digest
