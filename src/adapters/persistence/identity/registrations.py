"""Registrations in progress."""

from __future__ import annotations

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import RegistrationRow
from domain.identity.ids import RegistrationId
from domain.identity.registration import Registration
from domain.shared.ids import UserId


def _to_registration(row: RegistrationRow) -> Registration:
    return Registration(
        id=RegistrationId(row.id),
        email=row.email,
        phone=row.phone,
        password_hash=row.password_hash,
        created_at=row.created_at,
        updated_at=row.updated_at,
        expires_at=row.expires_at,
        email_verified_at=row.email_verified_at,
        phone_verified_at=row.phone_verified_at,
        completed_at=row.completed_at,
        user_id=UserId(row.user_id) if row.user_id else None,
    )


def _fill(row: RegistrationRow, registration: Registration) -> None:
    row.email = registration.email
    row.phone = registration.phone
    row.password_hash = registration.password_hash
    row.created_at = registration.created_at
    row.updated_at = registration.updated_at
    row.expires_at = registration.expires_at
    row.email_verified_at = registration.email_verified_at
    row.phone_verified_at = registration.phone_verified_at
    row.completed_at = registration.completed_at
    row.user_id = registration.user_id


class SqlRegistrationRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, registration: Registration) -> None:
        row = RegistrationRow(id=registration.id)
        _fill(row, registration)
        self._session.add(row)

    async def get(self, registration_id: RegistrationId) -> Registration | None:
        row = await self._session.get(RegistrationRow, registration_id)
        return _to_registration(row) if row else None

    async def get_for_update(self, registration_id: RegistrationId) -> Registration | None:
        row = await self._session.get(
            RegistrationRow, registration_id, with_for_update=True, populate_existing=True
        )
        return _to_registration(row) if row else None

    async def save(self, registration: Registration) -> None:
        row = await self._session.get(RegistrationRow, registration.id)
        if row is None:
            raise LookupError(f"registration {registration.id} vanished")
        _fill(row, registration)
