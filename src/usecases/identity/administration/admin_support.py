"""What the administration use cases share: finding records by code, and the audit record."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from domain.identity.branch import Branch, BranchNotFound
from domain.identity.errors import UserNotFound
from domain.identity.feature import Feature, FeatureNotFound
from domain.identity.human_code import (
    BRANCH_PREFIX,
    FEATURE_PREFIX,
    USER_PREFIX,
    normalise_code,
)
from domain.identity.user import User
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.identity.ports import IdentityUnitOfWork


async def user_by_code(uow: IdentityUnitOfWork, raw: str, *, for_update: bool = False) -> User:
    code = normalise_code(raw, USER_PREFIX)
    user = None
    if code is not None:
        user = await (uow.users.by_code_for_update(code) if for_update else uow.users.by_code(code))
    if user is None:
        raise UserNotFound(raw)
    return user


async def branch_by_code(uow: IdentityUnitOfWork, raw: str, *, for_update: bool = False) -> Branch:
    code = normalise_code(raw, BRANCH_PREFIX)
    branch = await uow.branches.by_code(code, for_update=for_update) if code else None
    if branch is None:
        raise BranchNotFound(raw)
    return branch


async def feature_by_code(
    uow: IdentityUnitOfWork, raw: str, *, for_update: bool = False
) -> Feature:
    code = normalise_code(raw, FEATURE_PREFIX)
    feature = await uow.features.by_code(code, for_update=for_update) if code else None
    if feature is None:
        raise FeatureNotFound(raw)
    return feature


def _resource_type(action: str) -> str:
    if action.startswith("branch_"):
        return "branch"
    if action in ("feature_created", "feature_updated"):
        return "feature"
    if action.startswith("api_key_"):
        return "api_key"
    if action == "role_two_factor_changed":
        return "role"
    return "user"


def audit(
    uow: IdentityUnitOfWork,
    actor: Actor,
    action: str,
    subject: str,
    *,
    now: datetime,
    details: Mapping[str, str] | None = None,
) -> None:
    """An entry of the audit trail (``identity.<action>`` on the record named by its code),
    written in the same transaction as the change."""
    del now  # the audit trail stamps its own time at commit
    uow.audit(
        AuditRecord(
            action=f"identity.{action}",
            actor=actor,
            resource_type=_resource_type(action),
            resource_id=subject,
            after=dict(details or {}),
        )
    )
