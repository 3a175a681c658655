"""Branches, features and feature grants, security settings, role policies and API keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import delete, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.identity.codes import insert_with_code
from adapters.persistence.identity.models import (
    ApiKeyRow,
    ApiKeySignatureRow,
    BranchRow,
    FeatureGrantRow,
    FeatureRow,
    RolePolicyRow,
    SecuritySettingsRow,
)
from adapters.persistence.mapping import row_values, to_domain
from adapters.persistence.statements import update_one, upsert
from domain.identity.api_key import ApiKey, ApiKeyId
from domain.identity.branch import Branch
from domain.identity.feature import Feature, FeatureId
from domain.identity.human_code import BRANCH_PREFIX, FEATURE_PREFIX
from domain.identity.security_settings import SecuritySettings
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

# --- branches -------------------------------------------------------------------------------


BRANCHES_BY_NAME = Keyset("branches", (BranchRow.name, BranchRow.id), descending=False)
FEATURES_BY_KEY = Keyset("features", (FeatureRow.key,), descending=False)  # key is unique
API_KEYS_NEWEST = Keyset("api-keys", (ApiKeyRow.created_at, ApiKeyRow.id))


class SqlBranchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, branch: Branch) -> None:
        branch.code = await insert_with_code(
            self._session,
            BranchRow,
            lambda code: row_values(branch, BranchRow, code=code),
            code=branch.code,
            prefix=BRANCH_PREFIX,
            constraint="uq_branches_code",
        )

    async def by_code(self, code: str, *, for_update: bool = False) -> Branch | None:
        statement = select(BranchRow).where(BranchRow.code == code, BranchRow.deleted_at.is_(None))
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        row = await self._session.scalar(statement)
        return to_domain(row, Branch) if row else None

    async def get(self, branch_id: UUID) -> Branch | None:
        row = await self._session.get(BranchRow, branch_id)
        return to_domain(row, Branch) if row else None

    async def page(self, page: PageRequest) -> Page[Branch]:
        query = select(BranchRow).where(BranchRow.deleted_at.is_(None))
        rows = list(await self._session.scalars(BRANCHES_BY_NAME.select(query, page)))
        return BRANCHES_BY_NAME.page(rows, page, lambda r: to_domain(r, Branch))

    async def save(self, branch: Branch) -> None:
        await update_one(
            self._session, BranchRow, BranchRow.id == branch.id, row_values(branch, BranchRow)
        )


# --- features -------------------------------------------------------------------------------


class SqlFeatureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, feature: Feature) -> None:
        feature.code = await insert_with_code(
            self._session,
            FeatureRow,
            lambda code: row_values(feature, FeatureRow, code=code),
            code=feature.code,
            prefix=FEATURE_PREFIX,
            constraint="uq_features_code",
        )

    async def by_code(self, code: str, *, for_update: bool = False) -> Feature | None:
        statement = select(FeatureRow).where(FeatureRow.code == code)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        row = await self._session.scalar(statement)
        return to_domain(row, Feature) if row else None

    async def by_key(self, key: str) -> Feature | None:
        row = await self._session.scalar(select(FeatureRow).where(FeatureRow.key == key))
        return to_domain(row, Feature) if row else None

    async def page(self, page: PageRequest) -> Page[Feature]:
        rows = list(await self._session.scalars(FEATURES_BY_KEY.select(select(FeatureRow), page)))
        return FEATURES_BY_KEY.page(rows, page, lambda r: to_domain(r, Feature))

    async def save(self, feature: Feature) -> None:
        await update_one(
            self._session, FeatureRow, FeatureRow.id == feature.id, row_values(feature, FeatureRow)
        )

    async def grant(self, user_id: UserId, feature_id: FeatureId, *, now: datetime) -> bool:
        result = await self._session.execute(
            insert(FeatureGrantRow)
            .values(user_id=user_id, feature_id=feature_id, granted_at=now)
            .on_conflict_do_nothing()
            .returning(FeatureGrantRow.user_id)
        )
        return result.first() is not None

    async def revoke(self, user_id: UserId, feature_id: FeatureId) -> bool:
        result = await self._session.execute(
            delete(FeatureGrantRow)
            .where(FeatureGrantRow.user_id == user_id, FeatureGrantRow.feature_id == feature_id)
            .returning(FeatureGrantRow.user_id)
        )
        return result.first() is not None

    async def is_granted(self, user_id: UserId, feature_id: FeatureId) -> bool:
        found = await self._session.scalar(
            select(FeatureGrantRow.user_id).where(
                FeatureGrantRow.user_id == user_id, FeatureGrantRow.feature_id == feature_id
            )
        )
        return found is not None

    async def granted_keys(self, user_id: UserId) -> list[str]:
        rows = await self._session.scalars(
            select(FeatureRow.key)
            .join(FeatureGrantRow, FeatureGrantRow.feature_id == FeatureRow.id)
            .where(FeatureGrantRow.user_id == user_id)
            .order_by(FeatureRow.key)
        )
        return list(rows)


# --- security settings and role policies ----------------------------------------------------


class SqlSecuritySettingsRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def get(self, user_id: UserId, *, for_update: bool = False) -> SecuritySettings:
        row = await self._session.get(
            SecuritySettingsRow, user_id, with_for_update=for_update, populate_existing=True
        )
        if row is None:
            return SecuritySettings(user_id=user_id)
        return to_domain(row, SecuritySettings)

    async def put(self, settings: SecuritySettings) -> None:
        values = row_values(settings, SecuritySettingsRow)
        await self._session.execute(upsert(SecuritySettingsRow, values, key=["user_id"]))


class SqlRolePolicyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def two_factor_roles(self) -> frozenset[str]:
        rows = await self._session.scalars(
            select(RolePolicyRow.role).where(RolePolicyRow.require_two_factor.is_(True))
        )
        return frozenset(rows)

    async def set_two_factor(self, role: str, required: bool, *, now: datetime) -> None:
        values = {"require_two_factor": required, "updated_at": now}
        await self._session.execute(
            insert(RolePolicyRow)
            .values(role=role, **values)
            .on_conflict_do_update(index_elements=[RolePolicyRow.role], set_=values)
        )


# --- API keys -------------------------------------------------------------------------------


class SqlApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, key: ApiKey) -> None:
        await self._session.execute(insert(ApiKeyRow).values(**row_values(key, ApiKeyRow)))

    async def get(self, key_id: ApiKeyId, *, for_update: bool = False) -> ApiKey | None:
        row = await self._session.get(
            ApiKeyRow, key_id, with_for_update=for_update, populate_existing=True
        )
        return to_domain(row, ApiKey) if row else None

    async def by_prefix(self, prefix: str) -> ApiKey | None:
        row = await self._session.scalar(select(ApiKeyRow).where(ApiKeyRow.prefix == prefix))
        return to_domain(row, ApiKey) if row else None

    async def for_owner(self, owner_id: UserId | None, page: PageRequest) -> Page[ApiKey]:
        statement = select(ApiKeyRow)
        if owner_id is not None:
            statement = statement.where(ApiKeyRow.owner_id == owner_id)
        rows = list(await self._session.scalars(API_KEYS_NEWEST.select(statement, page)))
        return API_KEYS_NEWEST.page(rows, page, lambda r: to_domain(r, ApiKey))

    async def save(self, key: ApiKey) -> None:
        await update_one(
            self._session, ApiKeyRow, ApiKeyRow.id == key.id, row_values(key, ApiKeyRow)
        )

    async def mark_used(
        self, key_id: ApiKeyId, *, now: datetime, ip: str | None, every: timedelta
    ) -> None:
        """Record use, at most once per ``every`` unless the address changed."""
        await self._session.execute(
            update(ApiKeyRow)
            .where(
                ApiKeyRow.id == key_id,
                or_(
                    ApiKeyRow.last_used_at.is_(None),
                    ApiKeyRow.last_used_at < now - every,
                    ApiKeyRow.last_used_ip.is_distinct_from(ip),
                ),
            )
            .values(last_used_at=now, last_used_ip=ip)
        )

    async def first_use_of_signature(
        self, key_id: ApiKeyId, signature: str, *, now: datetime, keep: timedelta
    ) -> bool:
        await self._session.execute(
            delete(ApiKeySignatureRow).where(
                ApiKeySignatureRow.key_id == key_id, ApiKeySignatureRow.seen_at < now - keep
            )
        )
        stored = await self._session.scalar(
            insert(ApiKeySignatureRow)
            .values(key_id=key_id, signature=signature, seen_at=now)
            .on_conflict_do_nothing()
            .returning(ApiKeySignatureRow.signature)
        )
        return stored is not None
