"""Branches, features and feature grants, security settings, role policies and API keys."""

from __future__ import annotations

from datetime import datetime, timedelta
from uuid import UUID

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.dialects.postgresql import insert
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.identity.codes import insert_with_code
from adapters.persistence.identity.models import (
    ApiKeyRow,
    BranchRow,
    FeatureGrantRow,
    FeatureRow,
    RolePolicyRow,
    SecuritySettingsRow,
)
from domain.identity.api_key import ApiKey, ApiKeyId
from domain.identity.branch import Branch, BranchId
from domain.identity.feature import Feature, FeatureId
from domain.identity.human_code import BRANCH_PREFIX, FEATURE_PREFIX
from domain.identity.security_settings import SecuritySettings
from domain.shared.ids import UserId

# --- branches -------------------------------------------------------------------------------


def _branch(row: BranchRow) -> Branch:
    return Branch(
        id=BranchId(row.id),
        code=row.code,
        name=row.name,
        description=row.description,
        created_at=row.created_at,
        updated_at=row.updated_at,
        deleted_at=row.deleted_at,
    )


def _fill_branch(row: BranchRow, branch: Branch) -> None:
    row.code = branch.code
    row.name = branch.name
    row.description = branch.description
    row.created_at = branch.created_at
    row.updated_at = branch.updated_at
    row.deleted_at = branch.deleted_at


class SqlBranchRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, branch: Branch) -> None:
        def build(code: str) -> BranchRow:
            branch.code = code
            row = BranchRow(id=branch.id)
            _fill_branch(row, branch)
            return row

        branch.code = await insert_with_code(
            self._session,
            build,
            code=branch.code,
            prefix=BRANCH_PREFIX,
            constraint="uq_branches_code",
        )

    async def by_code(self, code: str, *, for_update: bool = False) -> Branch | None:
        statement = select(BranchRow).where(BranchRow.code == code, BranchRow.deleted_at.is_(None))
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        row = await self._session.scalar(statement)
        return _branch(row) if row else None

    async def get(self, branch_id: UUID) -> Branch | None:
        row = await self._session.get(BranchRow, branch_id)
        return _branch(row) if row else None

    async def page(self, *, limit: int, offset: int) -> tuple[list[Branch], int]:
        live = BranchRow.deleted_at.is_(None)
        total = await self._session.scalar(select(func.count()).select_from(BranchRow).where(live))
        rows = await self._session.scalars(
            select(BranchRow)
            .where(live)
            .order_by(BranchRow.name, BranchRow.id)
            .limit(limit)
            .offset(offset)
        )
        return [_branch(r) for r in rows], int(total or 0)

    async def save(self, branch: Branch) -> None:
        row = await self._session.get(BranchRow, branch.id)
        if row is None:
            raise LookupError(f"branch {branch.id} vanished")
        _fill_branch(row, branch)


# --- features -------------------------------------------------------------------------------


def _feature(row: FeatureRow) -> Feature:
    return Feature(
        id=FeatureId(row.id),
        code=row.code,
        key=row.key,
        name=row.name,
        description=row.description,
        enabled=row.enabled,
        requires_grant=row.requires_grant,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


def _fill_feature(row: FeatureRow, feature: Feature) -> None:
    row.code = feature.code
    row.key = feature.key
    row.name = feature.name
    row.description = feature.description
    row.enabled = feature.enabled
    row.requires_grant = feature.requires_grant
    row.created_at = feature.created_at
    row.updated_at = feature.updated_at


class SqlFeatureRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, feature: Feature) -> None:
        def build(code: str) -> FeatureRow:
            feature.code = code
            row = FeatureRow(id=feature.id)
            _fill_feature(row, feature)
            return row

        feature.code = await insert_with_code(
            self._session,
            build,
            code=feature.code,
            prefix=FEATURE_PREFIX,
            constraint="uq_features_code",
        )

    async def by_code(self, code: str, *, for_update: bool = False) -> Feature | None:
        statement = select(FeatureRow).where(FeatureRow.code == code)
        if for_update:
            statement = statement.with_for_update().execution_options(populate_existing=True)
        row = await self._session.scalar(statement)
        return _feature(row) if row else None

    async def by_key(self, key: str) -> Feature | None:
        row = await self._session.scalar(select(FeatureRow).where(FeatureRow.key == key))
        return _feature(row) if row else None

    async def all(self) -> list[Feature]:
        rows = await self._session.scalars(select(FeatureRow).order_by(FeatureRow.key))
        return [_feature(r) for r in rows]

    async def save(self, feature: Feature) -> None:
        row = await self._session.get(FeatureRow, feature.id)
        if row is None:
            raise LookupError(f"feature {feature.id} vanished")
        _fill_feature(row, feature)

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
        return SecuritySettings(
            user_id=user_id,
            require_two_factor=row.require_two_factor,
            ip_allowlist=tuple(row.ip_allowlist),
            session_idle_timeout_seconds=row.session_idle_timeout_seconds,
            operator_locked=frozenset(row.operator_locked),
            updated_at=row.updated_at,
        )

    async def put(self, settings: SecuritySettings) -> None:
        values = {
            "require_two_factor": settings.require_two_factor,
            "ip_allowlist": list(settings.ip_allowlist),
            "session_idle_timeout_seconds": settings.session_idle_timeout_seconds,
            "operator_locked": sorted(settings.operator_locked),
            "updated_at": settings.updated_at,
        }
        await self._session.execute(
            insert(SecuritySettingsRow)
            .values(user_id=settings.user_id, **values)
            .on_conflict_do_update(index_elements=[SecuritySettingsRow.user_id], set_=values)
        )


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


def _api_key(row: ApiKeyRow) -> ApiKey:
    return ApiKey(
        id=ApiKeyId(row.id),
        owner_id=UserId(row.owner_id),
        name=row.name,
        prefix=row.prefix,
        secret_digest=row.secret_digest,
        scopes=frozenset(row.scopes),
        rate_limit_per_minute=row.rate_limit_per_minute,
        created_at=row.created_at,
        expires_at=row.expires_at,
        revoked_at=row.revoked_at,
        rotated_at=row.rotated_at,
        last_used_at=row.last_used_at,
        last_used_ip=row.last_used_ip,
    )


def _fill_api_key(row: ApiKeyRow, key: ApiKey) -> None:
    row.owner_id = key.owner_id
    row.name = key.name
    row.prefix = key.prefix
    row.secret_digest = key.secret_digest
    row.scopes = sorted(key.scopes)
    row.rate_limit_per_minute = key.rate_limit_per_minute
    row.created_at = key.created_at
    row.expires_at = key.expires_at
    row.revoked_at = key.revoked_at
    row.rotated_at = key.rotated_at
    row.last_used_at = key.last_used_at
    row.last_used_ip = key.last_used_ip


class SqlApiKeyRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, key: ApiKey) -> None:
        row = ApiKeyRow(id=key.id)
        _fill_api_key(row, key)
        self._session.add(row)
        await self._session.flush()

    async def get(self, key_id: ApiKeyId, *, for_update: bool = False) -> ApiKey | None:
        row = await self._session.get(
            ApiKeyRow, key_id, with_for_update=for_update, populate_existing=True
        )
        return _api_key(row) if row else None

    async def by_prefix(self, prefix: str) -> ApiKey | None:
        row = await self._session.scalar(select(ApiKeyRow).where(ApiKeyRow.prefix == prefix))
        return _api_key(row) if row else None

    async def for_owner(self, owner_id: UserId | None) -> list[ApiKey]:
        statement = select(ApiKeyRow).order_by(ApiKeyRow.created_at.desc(), ApiKeyRow.id.desc())
        if owner_id is not None:
            statement = statement.where(ApiKeyRow.owner_id == owner_id)
        rows = await self._session.scalars(statement.limit(500))
        return [_api_key(r) for r in rows]

    async def save(self, key: ApiKey) -> None:
        row = await self._session.get(ApiKeyRow, key.id)
        if row is None:
            raise LookupError(f"API key {key.id} vanished")
        _fill_api_key(row, key)

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
