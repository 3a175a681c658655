"""The role catalog and role policies; branches; features."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.access_control.schemas import RolePage, RoleRead, RoleUpdate
from adapters.http.identity.administration.schemas import (
    BranchCreate,
    BranchPage,
    BranchRead,
    BranchUpdate,
    FeatureCreate,
    FeaturePage,
    FeatureRead,
    FeatureUpdate,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import access, permission
from adapters.http.registry import provide
from domain.identity.access import (
    BRANCHES_MANAGE,
    BRANCHES_READ,
    FEATURES_MANAGE,
    FEATURES_READ,
    ROLES_MANAGE,
    ROLES_READ,
    TwoFactorRoleRequired,
    UnknownRole,
)
from domain.identity.branch import BranchHasUsers, BranchNotFound
from domain.identity.feature import FeatureNotFound
from domain.shared.errors import Conflict, PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.identity.access_control.list_roles import ListRoles, ListRolesHandler
from usecases.identity.access_control.set_role_two_factor import (
    SetRoleTwoFactor,
    SetRoleTwoFactorHandler,
)
from usecases.identity.administration.create_branch import CreateBranch, CreateBranchHandler
from usecases.identity.administration.create_feature import CreateFeature, CreateFeatureHandler
from usecases.identity.administration.delete_branch import DeleteBranch, DeleteBranchHandler
from usecases.identity.administration.get_branch import GetBranch, GetBranchHandler
from usecases.identity.administration.list_branches import ListBranches, ListBranchesHandler
from usecases.identity.administration.list_features import ListFeatures, ListFeaturesHandler
from usecases.identity.administration.update_branch import UpdateBranch, UpdateBranchHandler
from usecases.identity.administration.update_feature import UpdateFeature, UpdateFeatureHandler

router = APIRouter(tags=["identity"])

BranchCodePath = Annotated[str, Path(min_length=1, max_length=20, description="e.g. BRN-4D8F2A")]
FeatureCodePath = Annotated[str, Path(min_length=1, max_length=20, description="e.g. FTR-9XK2MB")]


@router.get(
    "/roles",
    summary="The role catalog, by name",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(permission(ROLES_READ))
async def list_roles(
    actor: CurrentActor,
    handler: Annotated[ListRolesHandler, provide(ListRolesHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> RolePage:
    page = await handler.execute(ListRoles(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(RolePage, RoleRead.of, page)


@router.patch(
    "/roles/{role}",
    summary="Require two-factor for every holder of a role (always on for platform admin roles)",
    responses=errors(PermissionDenied, UnknownRole, TwoFactorRoleRequired),
)
@access(permission(ROLES_MANAGE))
async def update_role(
    role: Annotated[str, Path(min_length=1, max_length=64)],
    body: RoleUpdate,
    actor: CurrentActor,
    handler: Annotated[SetRoleTwoFactorHandler, provide(SetRoleTwoFactorHandler)],
) -> RoleRead:
    view = await handler.execute(
        SetRoleTwoFactor(actor=actor, role=role, require_two_factor=body.require_two_factor)
    )
    return RoleRead.of(view)


@router.post(
    "/branches",
    status_code=201,
    summary="Open a branch",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(permission(BRANCHES_MANAGE))
async def create_branch(
    body: BranchCreate,
    actor: CurrentActor,
    handler: Annotated[CreateBranchHandler, provide(CreateBranchHandler)],
) -> BranchRead:
    view = await handler.execute(
        CreateBranch(actor=actor, name=body.name, description=body.description)
    )
    return BranchRead.of(view)


@router.get(
    "/branches", summary="Branches by name", responses=errors(PermissionDenied, ValidationFailed)
)
@access(permission(BRANCHES_READ))
async def list_branches(
    actor: CurrentActor,
    handler: Annotated[ListBranchesHandler, provide(ListBranchesHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> BranchPage:
    page = await handler.execute(ListBranches(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(BranchPage, BranchRead.of, page)


@router.get(
    "/branches/{branch_code}",
    summary="One branch",
    responses=errors(PermissionDenied, BranchNotFound),
)
@access(permission(BRANCHES_READ))
async def get_branch(
    branch_code: BranchCodePath,
    actor: CurrentActor,
    handler: Annotated[GetBranchHandler, provide(GetBranchHandler)],
) -> BranchRead:
    return BranchRead.of(await handler.execute(GetBranch(actor=actor, branch_code=branch_code)))


@router.patch(
    "/branches/{branch_code}",
    summary="Rename a branch or change its description",
    responses=errors(PermissionDenied, BranchNotFound, ValidationFailed),
)
@access(permission(BRANCHES_MANAGE))
async def update_branch(
    branch_code: BranchCodePath,
    body: BranchUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateBranchHandler, provide(UpdateBranchHandler)],
) -> BranchRead:
    view = await handler.execute(
        UpdateBranch(
            actor=actor,
            branch_code=branch_code,
            name=body.name,
            description=body.description,
            clear_description="description" in body.model_fields_set and body.description is None,
        )
    )
    return BranchRead.of(view)


@router.delete(
    "/branches/{branch_code}",
    status_code=204,
    summary="Remove a branch (kept for history; refused while users belong to it)",
    responses=errors(PermissionDenied, BranchNotFound, BranchHasUsers),
)
@access(permission(BRANCHES_MANAGE))
async def delete_branch(
    branch_code: BranchCodePath,
    actor: CurrentActor,
    handler: Annotated[DeleteBranchHandler, provide(DeleteBranchHandler)],
) -> Response:
    await handler.execute(DeleteBranch(actor=actor, branch_code=branch_code))
    return Response(status_code=204)


@router.post(
    "/features",
    status_code=201,
    summary="Register a feature (an application module)",
    responses=errors(PermissionDenied, Conflict, ValidationFailed),
)
@access(permission(FEATURES_MANAGE))
async def create_feature(
    body: FeatureCreate,
    actor: CurrentActor,
    handler: Annotated[CreateFeatureHandler, provide(CreateFeatureHandler)],
) -> FeatureRead:
    view = await handler.execute(
        CreateFeature(
            actor=actor,
            key=body.key,
            name=body.name,
            description=body.description,
            enabled=body.enabled,
            requires_grant=body.requires_grant,
        )
    )
    return FeatureRead.of(view)


@router.get(
    "/features",
    summary="Every feature, by key",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(permission(FEATURES_READ))
async def list_features(
    actor: CurrentActor,
    handler: Annotated[ListFeaturesHandler, provide(ListFeaturesHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> FeaturePage:
    page = await handler.execute(ListFeatures(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(FeaturePage, FeatureRead.of, page)


@router.patch(
    "/features/{feature_code}",
    summary="Switch a feature on or off, or open it to granted users only",
    responses=errors(PermissionDenied, FeatureNotFound, ValidationFailed),
)
@access(permission(FEATURES_MANAGE))
async def update_feature(
    feature_code: FeatureCodePath,
    body: FeatureUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateFeatureHandler, provide(UpdateFeatureHandler)],
) -> FeatureRead:
    view = await handler.execute(
        UpdateFeature(
            actor=actor,
            feature_code=feature_code,
            name=body.name,
            description=body.description,
            enabled=body.enabled,
            requires_grant=body.requires_grant,
        )
    )
    return FeatureRead.of(view)
