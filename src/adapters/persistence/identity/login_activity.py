"""The login activity store: one row per security event."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import LoginActivityRow
from domain.identity.device import DeviceInfo, UserAgent
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.shared.ids import UserId


def _clip(value: str | None, size: int) -> str | None:
    return value[:size] if value is not None else None


def _to_event(row: LoginActivityRow) -> SecurityEvent:
    return SecurityEvent(
        id=row.id,
        kind=SecurityEventKind(row.event),
        occurred_at=row.occurred_at,
        user_id=UserId(row.user_id) if row.user_id else None,
        reason=row.reason,
        identifier=row.identifier,
        device=DeviceInfo(
            device_id=row.device_id,
            name=None,
            agent=UserAgent(raw=row.user_agent, browser=row.browser, os=row.os),
            ip=row.ip,
        ),
        session_id=row.session_id,
        request_id=row.request_id,
    )


class SqlLoginActivityRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, event: SecurityEvent) -> None:
        device = event.device
        self._session.add(
            LoginActivityRow(
                id=event.id,
                event=event.kind.value,
                succeeded=event.succeeded,
                user_id=event.user_id,
                reason=_clip(event.reason, 200),
                identifier=_clip(event.identifier, 320),
                ip=_clip(device.ip, 64) if device else None,
                user_agent=_clip(device.agent.raw, 512) if device else None,
                browser=_clip(device.agent.browser, 100) if device else None,
                os=_clip(device.agent.os, 100) if device else None,
                device_id=_clip(device.device_id, 128) if device else None,
                session_id=event.session_id,
                request_id=_clip(event.request_id, 128),
                occurred_at=event.occurred_at,
            )
        )

    async def for_user(self, user_id: UserId, *, limit: int) -> list[SecurityEvent]:
        rows = await self._session.scalars(
            select(LoginActivityRow)
            .where(LoginActivityRow.user_id == user_id)
            .order_by(LoginActivityRow.occurred_at.desc())
            .limit(limit)
        )
        return [_to_event(r) for r in rows]
