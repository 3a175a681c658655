"""Devices a user has logged in from."""

from __future__ import annotations

from sqlalchemy import delete, select
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import KnownDeviceRow
from domain.identity.device import KnownDevice
from domain.identity.ids import DeviceId
from domain.shared.ids import UserId


def _to_device(row: KnownDeviceRow) -> KnownDevice:
    return KnownDevice(
        id=DeviceId(row.id),
        user_id=UserId(row.user_id),
        key=row.device_key,
        label=row.label,
        browser=row.browser,
        os=row.os,
        first_seen_at=row.first_seen_at,
        last_seen_at=row.last_seen_at,
        last_ip=row.last_ip,
    )


class SqlDeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, user_id: UserId, key: str) -> KnownDevice | None:
        row = await self._session.scalar(
            select(KnownDeviceRow).where(
                KnownDeviceRow.user_id == user_id, KnownDeviceRow.device_key == key
            )
        )
        return _to_device(row) if row else None

    async def get(self, user_id: UserId, device_id: DeviceId) -> KnownDevice | None:
        row = await self._session.get(KnownDeviceRow, device_id)
        return _to_device(row) if row and row.user_id == user_id else None

    async def add(self, device: KnownDevice) -> bool:
        inserted = await self._session.scalar(
            insert(KnownDeviceRow)
            .values(
                id=device.id,
                user_id=device.user_id,
                device_key=device.key,
                label=device.label[:200],
                browser=device.browser,
                os=device.os,
                first_seen_at=device.first_seen_at,
                last_seen_at=device.last_seen_at,
                last_ip=device.last_ip,
            )
            .on_conflict_do_nothing(index_elements=["user_id", "device_key"])
            .returning(KnownDeviceRow.id)
        )
        return inserted is not None

    async def save(self, device: KnownDevice) -> None:
        row = await self._session.get(KnownDeviceRow, device.id)
        if row is None:
            raise LookupError(f"device {device.id} vanished")
        row.label = device.label[:200]
        row.last_seen_at = device.last_seen_at
        row.last_ip = device.last_ip

    async def remove(self, device: KnownDevice) -> None:
        await self._session.execute(delete(KnownDeviceRow).where(KnownDeviceRow.id == device.id))

    async def for_user(self, user_id: UserId) -> list[KnownDevice]:
        rows = await self._session.scalars(
            select(KnownDeviceRow)
            .where(KnownDeviceRow.user_id == user_id)
            .order_by(KnownDeviceRow.last_seen_at.desc())
        )
        return [_to_device(r) for r in rows]
