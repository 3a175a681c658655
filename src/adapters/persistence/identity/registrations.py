"""Registrations in progress."""

from __future__ import annotations

from sqlalchemy import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RegistrationRow
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import update_one
from domain.identity.ids import RegistrationId
from domain.identity.registration import Registration


class SqlRegistrationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, registration: Registration) -> None:
        values = row_values(registration, RegistrationRow)
        await self._session.execute(insert(RegistrationRow).values(**values))

    async def get(self, registration_id: RegistrationId) -> Registration | None:
        row = await self._session.get(RegistrationRow, registration_id)
        return to_domain(row, Registration) if row else None

    async def get_for_update(self, registration_id: RegistrationId) -> Registration | None:
        row = await self._session.get(
            RegistrationRow, registration_id, with_for_update=True, populate_existing=True
        )
        return to_domain(row, Registration) if row else None

    async def save(self, registration: Registration) -> None:
        values = row_values(registration, RegistrationRow)
        await update_one(
            self._session, RegistrationRow, RegistrationRow.id == registration.id, values
        )
