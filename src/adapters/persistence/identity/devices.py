"""Devices a user has logged in from."""

from __future__ import annotations

from typing import cast

from sqlalchemy import Table, bindparam, delete, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.identity.models import KnownDeviceRow
from adapters.persistence.mapping import row_values, to_domain
from domain.identity.device import KnownDevice
from domain.identity.ids import DeviceId
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

SEEN = ("label", "last_seen_at", "last_ip")  # what a save changes
RECENTLY_SEEN = Keyset("devices", (KnownDeviceRow.last_seen_at, KnownDeviceRow.id))
# Built once: every login looks its device up and marks it seen (Core: no row of the
# session holds these columns after the login has read the device)
_DEVICES = cast(Table, KnownDeviceRow.__table__)
_SEEN = (
    update(_DEVICES)
    .where(_DEVICES.c.id == bindparam("device_id"))
    .values({name: bindparam(f"new_{name}") for name in SEEN})
)
# a user's first login on a device adds it (built once too; a concurrent twin adds nothing)
_ADD = (
    insert(_DEVICES)
    .on_conflict_do_nothing(index_elements=["user_id", "device_key"])
    .returning(_DEVICES.c.id)
)
_FIND = select(KnownDeviceRow).where(
    KnownDeviceRow.user_id == bindparam("user_id"), KnownDeviceRow.device_key == bindparam("key")
)


def _device(row: KnownDeviceRow) -> KnownDevice:
    return to_domain(row, KnownDevice, key=row.device_key)


class SqlDeviceRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def find(self, user_id: UserId, key: str) -> KnownDevice | None:
        row = await self._session.scalar(_FIND, {"user_id": user_id, "key": key})
        return _device(row) if row else None

    async def get(self, user_id: UserId, device_id: DeviceId) -> KnownDevice | None:
        row = await self._session.get(KnownDeviceRow, device_id)
        return _device(row) if row and row.user_id == user_id else None

    async def add(self, device: KnownDevice) -> bool:
        values = row_values(device, KnownDeviceRow, device_key=device.key, label=device.label[:200])
        inserted = await self._session.scalar(_ADD, values)
        return inserted is not None

    async def save(self, device: KnownDevice) -> None:
        seen = row_values(device, KnownDeviceRow, only=SEEN, label=device.label[:200])
        result = await self._session.execute(
            _SEEN, {"device_id": device.id, **{f"new_{k}": v for k, v in seen.items()}}
        )
        if not getattr(result, "rowcount", 0):
            raise LookupError("known_devices: the row to save vanished")

    async def remove(self, device: KnownDevice) -> None:
        await self._session.execute(delete(KnownDeviceRow).where(KnownDeviceRow.id == device.id))

    async def for_user(self, user_id: UserId) -> list[KnownDevice]:
        rows = await self._session.scalars(
            select(KnownDeviceRow)
            .where(KnownDeviceRow.user_id == user_id)
            .order_by(KnownDeviceRow.last_seen_at.desc())
        )
        return [_device(r) for r in rows]

    async def page_for_user(self, user_id: UserId, page: PageRequest) -> Page[KnownDevice]:
        query = select(KnownDeviceRow).where(KnownDeviceRow.user_id == user_id)
        rows = list(await self._session.scalars(RECENTLY_SEEN.select(query, page)))
        return RECENTLY_SEEN.page(rows, page, _device)
