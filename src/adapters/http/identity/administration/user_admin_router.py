"""User administration: find, read and change users, their roles, platform and feature access,
block and unblock them, and their security settings."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Path, Query, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.access_control.schemas import (
    PermissionsRead,
    RoleAssignmentCreate,
    SecuritySettingsRead,
    SecuritySettingsUpdate,
    UserFeaturesRead,
    UserPlatformsRead,
    UserRolesRead,
)
from adapters.http.identity.administration.schemas import (
    BlockCreate,
    UserAdminRead,
    UserAdminUpdate,
    UserPage,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import access, owner_or, permission
from adapters.http.registry import provide
from domain.identity.access import (
    ROLES_ASSIGN,
    USERS_ACCESS,
    USERS_BLOCK,
    USERS_READ,
    USERS_SECURITY,
    USERS_UPDATE,
    InvalidScope,
    UnknownRole,
)
from domain.identity.branch import BranchNotFound
from domain.identity.errors import (
    AllowlistExcludesYou,
    CannotBlockYourself,
    LastSuperAdmin,
    RoleNotHeld,
    UnknownPlatform,
    UserNotFound,
)
from domain.identity.feature import FeatureNotFound
from domain.identity.security_settings import InvalidCidr
from domain.identity.user import Platform, UserStatus
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.identity.access_control.assign_role import AssignRole, AssignRoleHandler
from usecases.identity.access_control.change_feature_access import (
    ChangeFeatureAccess,
    ChangeFeatureAccessHandler,
)
from usecases.identity.access_control.change_platform_access import (
    ChangePlatformAccess,
    ChangePlatformAccessHandler,
)
from usecases.identity.access_control.get_security_settings import (
    GetSecuritySettings,
    GetSecuritySettingsHandler,
)
from usecases.identity.access_control.get_user_permissions import (
    GetUserPermissions,
    GetUserPermissionsHandler,
)
from usecases.identity.access_control.remove_role import RemoveRole, RemoveRoleHandler
from usecases.identity.access_control.update_security_settings import (
    UpdateSecuritySettings,
    UpdateSecuritySettingsHandler,
)
from usecases.identity.administration.block_user import BlockUser, BlockUserHandler
from usecases.identity.administration.get_user import GetUser, GetUserHandler
from usecases.identity.administration.ports import UserQuery
from usecases.identity.administration.search_users import SearchUsers, SearchUsersHandler
from usecases.identity.administration.unblock_user import UnblockUser, UnblockUserHandler
from usecases.identity.administration.update_user import UpdateUser, UpdateUserHandler

router = APIRouter(prefix="/users", tags=["identity"])

Code = Annotated[str, Path(min_length=1, max_length=20, description="e.g. USR-7K2M9Q")]
PlatformName = Annotated[str, Path(min_length=1, max_length=16, description="web, mobile, api")]
FeatureCodePath = Annotated[str, Path(min_length=1, max_length=20, description="FTR-...")]
RolePath = Annotated[str, Path(min_length=1, max_length=64)]
SortKey = Literal[
    "created_at",
    "-created_at",
    "full_name",
    "-full_name",
    "email",
    "-email",
    "code",
    "-code",
    "kyc_level",
    "-kyc_level",
]
Short = Annotated[str | None, Query(min_length=1, max_length=320)]


@router.get(
    "",
    summary="Find users, a page at a time (filtered, sorted)",
    responses=errors(PermissionDenied, UnknownRole, BranchNotFound, ValidationFailed),
)
@access(permission(USERS_READ))
async def search_users(
    actor: CurrentActor,
    handler: Annotated[SearchUsersHandler, provide(SearchUsersHandler)],
    q: Annotated[
        str | None, Query(min_length=1, max_length=320, description="Name, email, mobile or code.")
    ] = None,
    name: Short = None,
    email: Short = None,
    mobile: Short = None,
    code: Short = None,
    role: Annotated[str | None, Query(min_length=1, max_length=64)] = None,
    status: UserStatus | None = None,
    kyc_level: Annotated[int | None, Query(ge=0, le=10)] = None,
    branch_code: Annotated[str | None, Query(min_length=1, max_length=20)] = None,
    sort: SortKey = "-created_at",
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> UserPage:
    query = UserQuery(
        text=q,
        name=name,
        email=email,
        mobile=mobile,
        code=code,
        role=role,
        status=status,
        kyc_level=kyc_level,
        sort=sort.removeprefix("-"),  # type: ignore[arg-type]
        descending=sort.startswith("-"),
    )
    page = await handler.execute(
        SearchUsers(
            actor=actor, query=query, page=PageRequest(limit, cursor), branch_code=branch_code
        )
    )
    return UserPage.of(page)


@router.get("/{user_code}", summary="One user", responses=errors(PermissionDenied, UserNotFound))
@access(permission(USERS_READ))
async def get_user(
    user_code: Code,
    actor: CurrentActor,
    handler: Annotated[GetUserHandler, provide(GetUserHandler)],
) -> UserAdminRead:
    return UserAdminRead.of(await handler.execute(GetUser(actor=actor, user_code=user_code)))


@router.patch(
    "/{user_code}",
    summary="Change a user's name, country or branch",
    responses=errors(PermissionDenied, UserNotFound, BranchNotFound, ValidationFailed),
)
@access(permission(USERS_UPDATE))
async def update_user(
    user_code: Code,
    body: UserAdminUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateUserHandler, provide(UpdateUserHandler)],
) -> UserAdminRead:
    cleared = {
        f for f in body.model_fields_set & {"country", "branch_code"} if getattr(body, f) is None
    }
    view = await handler.execute(
        UpdateUser(
            actor=actor,
            user_code=user_code,
            full_name=body.full_name,
            country=body.country,
            branch_code=body.branch_code,
            clear=frozenset(cleared),
        )
    )
    return UserAdminRead.of(view)


@router.get(
    "/{user_code}/permissions",
    summary="A user's effective permissions and the roles they come from",
    responses=errors(UserNotFound),
)
@access(owner_or(USERS_READ))
async def get_user_permissions(
    user_code: Code,
    actor: CurrentActor,
    handler: Annotated[GetUserPermissionsHandler, provide(GetUserPermissionsHandler)],
) -> PermissionsRead:
    view = await handler.execute(GetUserPermissions(actor=actor, user_code=user_code))
    return PermissionsRead.of(view)


@router.post(
    "/{user_code}/roles",
    summary="Give a user a role (global, or scoped such as `issuer:42`)",
    responses=errors(PermissionDenied, UserNotFound, UnknownRole, InvalidScope),
)
@access(permission(ROLES_ASSIGN))
async def assign_role(
    user_code: Code,
    body: RoleAssignmentCreate,
    actor: CurrentActor,
    handler: Annotated[AssignRoleHandler, provide(AssignRoleHandler)],
) -> UserRolesRead:
    grants = await handler.execute(
        AssignRole(actor=actor, user_code=user_code, role=body.role, scope=body.scope)
    )
    return UserRolesRead.of(grants)


@router.delete(
    "/{user_code}/roles/{role}",
    summary="Take a role away (`scope` names the scoped grant)",
    responses=errors(
        PermissionDenied, UserNotFound, RoleNotHeld, UnknownRole, InvalidScope, LastSuperAdmin
    ),
)
@access(permission(ROLES_ASSIGN))
async def remove_role(
    user_code: Code,
    role: RolePath,
    actor: CurrentActor,
    handler: Annotated[RemoveRoleHandler, provide(RemoveRoleHandler)],
    scope: Annotated[str | None, Query(min_length=1, max_length=100)] = None,
) -> UserRolesRead:
    grants = await handler.execute(
        RemoveRole(actor=actor, user_code=user_code, role=role, scope=scope)
    )
    return UserRolesRead.of(grants)


async def _platform(
    handler: ChangePlatformAccessHandler, actor: CurrentActor, code: str, name: str, grant: bool
) -> UserPlatformsRead:
    platform = Platform.parse(name)  # unknown_platform (422), naming path.platform
    platforms = await handler.execute(
        ChangePlatformAccess(actor=actor, user_code=code, platform=platform, granted=grant)
    )
    return UserPlatformsRead(platforms=list(platforms))


@router.put(
    "/{user_code}/platforms/{platform}",
    summary="Grant access to a platform (web, mobile, api)",
    responses=errors(PermissionDenied, UserNotFound, UnknownPlatform),
)
@access(permission(USERS_ACCESS))
async def grant_platform_access(
    user_code: Code,
    platform: PlatformName,
    actor: CurrentActor,
    handler: Annotated[ChangePlatformAccessHandler, provide(ChangePlatformAccessHandler)],
) -> UserPlatformsRead:
    return await _platform(handler, actor, user_code, platform, True)


@router.delete(
    "/{user_code}/platforms/{platform}",
    summary="Revoke access to a platform (web or mobile: ends every session)",
    responses=errors(PermissionDenied, UserNotFound, UnknownPlatform),
)
@access(permission(USERS_ACCESS))
async def revoke_platform_access(
    user_code: Code,
    platform: PlatformName,
    actor: CurrentActor,
    handler: Annotated[ChangePlatformAccessHandler, provide(ChangePlatformAccessHandler)],
) -> UserPlatformsRead:
    return await _platform(handler, actor, user_code, platform, False)


async def _feature(
    handler: ChangeFeatureAccessHandler, actor: CurrentActor, code: str, feature: str, grant: bool
) -> UserFeaturesRead:
    keys = await handler.execute(
        ChangeFeatureAccess(actor=actor, user_code=code, feature_code=feature, granted=grant)
    )
    return UserFeaturesRead(features=list(keys))


@router.put(
    "/{user_code}/features/{feature_code}",
    summary="Grant access to a feature",
    responses=errors(PermissionDenied, UserNotFound, FeatureNotFound),
)
@access(permission(USERS_ACCESS))
async def grant_feature_access(
    user_code: Code,
    feature_code: FeatureCodePath,
    actor: CurrentActor,
    handler: Annotated[ChangeFeatureAccessHandler, provide(ChangeFeatureAccessHandler)],
) -> UserFeaturesRead:
    return await _feature(handler, actor, user_code, feature_code, True)


@router.delete(
    "/{user_code}/features/{feature_code}",
    summary="Revoke access to a feature",
    responses=errors(PermissionDenied, UserNotFound, FeatureNotFound),
)
@access(permission(USERS_ACCESS))
async def revoke_feature_access(
    user_code: Code,
    feature_code: FeatureCodePath,
    actor: CurrentActor,
    handler: Annotated[ChangeFeatureAccessHandler, provide(ChangeFeatureAccessHandler)],
) -> UserFeaturesRead:
    return await _feature(handler, actor, user_code, feature_code, False)


@router.post(
    "/{user_code}/block",
    status_code=204,
    summary="Block an account: it cannot log in and every session ends now",
    responses=errors(
        PermissionDenied, UserNotFound, CannotBlockYourself, LastSuperAdmin, ValidationFailed
    ),
)
@access(permission(USERS_BLOCK))
async def block_user(
    user_code: Code,
    body: BlockCreate,
    actor: CurrentActor,
    handler: Annotated[BlockUserHandler, provide(BlockUserHandler)],
) -> Response:
    await handler.execute(BlockUser(actor=actor, user_code=user_code, reason=body.reason))
    return Response(status_code=204)


@router.post(
    "/{user_code}/unblock",
    status_code=204,
    summary="Unblock an account (it logs in again)",
    responses=errors(PermissionDenied, UserNotFound),
)
@access(permission(USERS_BLOCK))
async def unblock_user(
    user_code: Code,
    actor: CurrentActor,
    handler: Annotated[UnblockUserHandler, provide(UnblockUserHandler)],
) -> Response:
    await handler.execute(UnblockUser(actor=actor, user_code=user_code))
    return Response(status_code=204)


@router.get(
    "/{user_code}/security-settings",
    summary="Security settings: two-factor requirement, IP allowlist, idle timeout",
    responses=errors(UserNotFound),
)
@access(owner_or(USERS_SECURITY))
async def get_security_settings(
    user_code: Code,
    actor: CurrentActor,
    handler: Annotated[GetSecuritySettingsHandler, provide(GetSecuritySettingsHandler)],
) -> SecuritySettingsRead:
    view = await handler.execute(GetSecuritySettings(actor=actor, user_code=user_code))
    return SecuritySettingsRead.of(view)


@router.patch(
    "/{user_code}/security-settings",
    summary="Change security settings (yours, or anyone's as an operator)",
    responses=errors(
        UserNotFound, InvalidCidr, AllowlistExcludesYou, PermissionDenied, ValidationFailed
    ),
)
@access(owner_or(USERS_SECURITY))
async def update_security_settings(
    user_code: Code,
    body: SecuritySettingsUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateSecuritySettingsHandler, provide(UpdateSecuritySettingsHandler)],
) -> SecuritySettingsRead:
    fields = body.model_fields_set
    view = await handler.execute(
        UpdateSecuritySettings(
            actor=actor,
            user_code=user_code,
            require_two_factor=body.require_two_factor,
            ip_allowlist=body.ip_allowlist,
            session_idle_timeout_seconds=body.session_idle_timeout_seconds,
            clear_idle_timeout="session_idle_timeout_seconds" in fields
            and body.session_idle_timeout_seconds is None,
        )
    )
    return SecuritySettingsRead.of(view)
