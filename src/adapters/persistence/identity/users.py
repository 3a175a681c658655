"""Users: rows to entities and back."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import ColumnElement, Table, and_, bindparam, func, or_, select, true, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.identity.codes import insert_with_code
from adapters.persistence.identity.login_reads import read_login_subject
from adapters.persistence.identity.models import (
    SecuritySettingsRow,
    TotpCredentialRow,
    UserRow,
)
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import update_one
from domain.identity.access import SUPER_ADMIN
from domain.identity.contact import ContactChannel
from domain.identity.human_code import USER_PREFIX
from domain.identity.profile import Profile
from domain.identity.user import User, UserStatus
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.ports import UserAccess
from usecases.identity.administration.ports import UserQuery
from usecases.identity.authentication.ports import LoginSubject


def _to_user(row: UserRow) -> User:
    profile = Profile(full_name=row.full_name, date_of_birth=row.date_of_birth, country=row.country)
    return to_domain(row, User, profile=profile)


def _values(user: User) -> dict[str, Any]:
    profile = user.profile
    return row_values(
        user,
        UserRow,
        full_name=profile.full_name,
        date_of_birth=profile.date_of_birth,
        country=profile.country,
    )


_SORTS = {
    "created_at": UserRow.created_at,
    "full_name": UserRow.full_name,
    "email": UserRow.email,
    "code": UserRow.code,
    "kyc_level": UserRow.kyc_level,
}


def _like(text: str) -> str:
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def _filters(query: UserQuery) -> list[ColumnElement[bool]]:
    where: list[ColumnElement[bool]] = []
    if query.text:
        pattern = _like(query.text)
        where.append(
            or_(
                UserRow.full_name.ilike(pattern),
                UserRow.email.ilike(pattern),
                UserRow.phone.ilike(pattern),
                UserRow.code.ilike(pattern),
            )
        )
    if query.name:
        where.append(UserRow.full_name.ilike(_like(query.name)))
    if query.email:
        where.append(UserRow.email == query.email)
    if query.mobile:
        where.append(UserRow.phone == query.mobile)
    if query.code:
        where.append(UserRow.code == query.code)
    if query.role:
        unnested = func.unnest(UserRow.roles).table_valued("value").render_derived()
        where.append(
            select(true())
            .select_from(unnested)
            .where(
                or_(
                    unnested.c.value == query.role,
                    unnested.c.value.startswith(f"{query.role}@", autoescape=True),
                )
            )
            .exists()
        )
    if query.status:
        where.append(UserRow.status == query.status)
    if query.kyc_level is not None:
        where.append(UserRow.kyc_level == query.kyc_level)
    if query.branch_id is not None:
        where.append(UserRow.branch_id == query.branch_id)
    return where


def _keyset(query: UserQuery) -> Keyset:
    """The query's order as a keyset: email and code are unique, the others end with the id."""
    column = _SORTS[query.sort]
    unique = query.sort in ("email", "code")
    direction = "desc" if query.descending else "asc"
    return Keyset(
        f"users:{query.sort}:{direction}",
        (column,) if unique else (column, UserRow.id),
        descending=query.descending,
    )


_USERS = cast(Table, UserRow.__table__)
_BY_EMAIL = select(UserRow).where(UserRow.email == bindparam("email"))  # every login by email
# What a request's principal and a login read of the user's access, built once
_ACCESS = (
    select(
        UserRow.status,
        UserRow.tokens_valid_after,
        UserRow.roles,
        UserRow.platforms,
        SecuritySettingsRow.require_two_factor,
        SecuritySettingsRow.ip_allowlist,
        SecuritySettingsRow.session_idle_timeout_seconds,
        TotpCredentialRow.enabled_at,
    )
    .outerjoin(SecuritySettingsRow, SecuritySettingsRow.user_id == UserRow.id)
    .outerjoin(TotpCredentialRow, TotpCredentialRow.user_id == UserRow.id)
    .where(UserRow.id == bindparam("user_id"))
)
_SET_RISK_SCORE = (
    update(_USERS).where(_USERS.c.id == bindparam("user_id")).values(risk_score=bindparam("score"))
)


class SqlUserRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, user: User) -> None:
        """Written at once, so a taken email or mobile surfaces here. A code drawn by a
        concurrent registration too is drawn again."""

        user.code = await insert_with_code(
            self._session,
            UserRow,
            lambda code: {**_values(user), "code": code},
            code=user.code,
            prefix=USER_PREFIX,
            constraint="uq_users_code",
        )

    async def by_code(self, code: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.code == code))
        return _to_user(row) if row else None

    async def by_code_for_update(self, code: str) -> User | None:
        row = await self._session.scalar(
            select(UserRow)
            .where(UserRow.code == code)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return _to_user(row) if row else None

    async def lock_super_admins(self) -> list[User]:
        """Every holder of super_admin, row-locked in id order (so concurrent removals of the
        last ones queue up instead of both succeeding)."""
        rows = await self._session.scalars(
            select(UserRow)
            .where(UserRow.roles.contains([SUPER_ADMIN]))
            .order_by(UserRow.id)
            .with_for_update()
            .execution_options(populate_existing=True)
        )
        return [_to_user(r) for r in rows]

    async def count_in_branch(self, branch_id: UUID) -> int:
        count = await self._session.scalar(
            select(func.count()).select_from(UserRow).where(UserRow.branch_id == branch_id)
        )
        return int(count or 0)

    async def search(self, query: UserQuery, page: PageRequest) -> Page[User]:
        keyset = _keyset(query)
        statement = select(UserRow).where(and_(true(), *_filters(query)))
        rows = list(await self._session.scalars(keyset.select(statement, page)))
        return keyset.page(rows, page, _to_user)

    async def set_risk_score(self, user_id: UserId, score: int) -> None:
        # Core, built once: no row of the session holds the risk score (the domain has none)
        await self._session.execute(_SET_RISK_SCORE, {"user_id": user_id, "score": score})

    async def by_ids(self, ids: Sequence[UserId]) -> list[User]:
        rows = await self._session.scalars(select(UserRow).where(UserRow.id.in_(ids)))
        return [_to_user(r) for r in rows]

    async def get(self, user_id: UserId) -> User | None:
        row = await self._session.get(UserRow, user_id)
        return _to_user(row) if row else None

    async def get_for_update(self, user_id: UserId) -> User | None:
        row = await self._session.get(
            UserRow, user_id, with_for_update=True, populate_existing=True
        )
        return _to_user(row) if row else None

    async def by_email(self, email: str) -> User | None:
        row = await self._session.scalar(_BY_EMAIL, {"email": email})
        return _to_user(row) if row else None

    async def by_phone(self, phone: str) -> User | None:
        row = await self._session.scalar(select(UserRow).where(UserRow.phone == phone))
        return _to_user(row) if row else None

    async def access(self, user_id: UserId) -> UserAccess | None:
        found = (await self._session.execute(_ACCESS, {"user_id": user_id})).first()
        if found is None:
            return None
        return UserAccess(
            status=UserStatus(found.status),
            tokens_valid_after=found.tokens_valid_after,
            roles=frozenset(found.roles),
            platforms=frozenset(found.platforms),
            require_two_factor=bool(found.require_two_factor),
            two_factor_enabled=found.enabled_at is not None,
            ip_allowlist=tuple(found.ip_allowlist or ()),
            idle_timeout_seconds=found.session_idle_timeout_seconds,
        )

    async def for_login(
        self, channel: ContactChannel, value: str, *, device_key: str, since: datetime
    ) -> LoginSubject | None:
        return await read_login_subject(
            self._session, _to_user, channel, value, device_key=device_key, since=since
        )

    async def save(self, user: User) -> None:
        await update_one(self._session, UserRow, UserRow.id == user.id, _values(user))
