"""Users: rows to entities and back."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.models import UserRow
from domain.identity.profile import Profile
from domain.identity.user import User, UserStatus
from domain.shared.ids import UserId
from usecases.identity.ports import UserAccess


def _to_user(row: UserRow) -> User:
    return User(
        id=UserId(row.id),
        email=row.email,
        phone=row.phone,
        password_hash=row.password_hash,
        profile=Profile(
            full_name=row.full_name, date_of_birth=row.date_of_birth, country=row.country
        ),
        roles=frozenset(row.roles),
        status=UserStatus(row.status),
        failed_logins=row.failed_logins,
        failed_window_started_at=row.failed_window_started_at,
        locked_until=row.locked_until,
        password_changed_at=row.password_changed_at,
        tokens_valid_after=row.tokens_valid_after,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _fill(row: UserRow, user: User) -> None:
    row.email = user.email
    row.phone = user.phone
    row.password_hash = user.password_hash
    row.full_name = user.profile.full_name
    row.date_of_birth = user.profile.date_of_birth
    row.country = user.profile.country
    row.roles = sorted(user.roles)
    row.status = user.status.value
    row.failed_logins = user.failed_logins
    row.failed_window_started_at = user.failed_window_started_at
    row.locked_until = user.locked_until
    row.password_changed_at = user.password_changed_at
    row.tokens_valid_after = user.tokens_valid_after
    row.created_at = user.created_at
    row.updated_at = user.updated_at


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> None:
        """Written at once, so a taken email or mobile surfaces here (no autoflush)."""
        row = UserRow(id=user.id)
        _fill(row, user)
        self._session.add(row)
        await self._session.flush()

    async def get(self, user_id: UserId) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return _to_user(row) if row else None

    async def get_for_update(self, user_id: UserId) -> User | None:
        row = await self._session.get(
            UserRow, user_id, with_for_update=True, populate_existing=True
        )
        return _to_user(row) if row else None

    async def by_email(self, email: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.email == email))
        return _to_user(row) if row else None

    async def by_phone(self, phone: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.phone == phone))
        return _to_user(row) if row else None

    async def access(self, user_id: UserId) -> UserAccess | None:
        found = (
            await self._session.execute(
                select(UserRow.status, UserRow.tokens_valid_after).where(UserRow.id == user_id)
            )
        ).first()
        if found is None:
            return None
        return UserAccess(
            status=UserStatus(found.status), tokens_valid_after=found.tokens_valid_after
        )

    async def save(self, user: User) -> None:
        row = await self._session.get(UserRow, user.id)
        if row is None:
            raise LookupError(f"user {user.id} vanished")
        _fill(row, user)
