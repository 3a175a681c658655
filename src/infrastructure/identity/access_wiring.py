"""Handler factories of access control: user administration, roles, branches, features,
security settings, API keys, the partner API and create-admin."""

from __future__ import annotations

from adapters.http.registry import HandlerRegistry
from infrastructure.identity.kit import IdentityKit
from usecases.identity.assign_role import AssignRoleHandler
from usecases.identity.change_feature_access import ChangeFeatureAccessHandler
from usecases.identity.change_platform_access import ChangePlatformAccessHandler
from usecases.identity.check_feature import CheckFeatureHandler
from usecases.identity.create_admin import CreateAdminHandler
from usecases.identity.create_api_key import CreateApiKeyHandler
from usecases.identity.create_branch import CreateBranchHandler
from usecases.identity.create_feature import CreateFeatureHandler
from usecases.identity.delete_branch import DeleteBranchHandler
from usecases.identity.get_api_key import GetApiKeyHandler
from usecases.identity.get_branch import GetBranchHandler
from usecases.identity.get_partner_status import GetPartnerStatusHandler
from usecases.identity.get_security_settings import GetSecuritySettingsHandler
from usecases.identity.get_user import GetUserHandler
from usecases.identity.get_user_permissions import GetUserPermissionsHandler
from usecases.identity.list_api_keys import ListApiKeysHandler
from usecases.identity.list_branches import ListBranchesHandler
from usecases.identity.list_features import ListFeaturesHandler
from usecases.identity.list_roles import ListRolesHandler
from usecases.identity.remove_role import RemoveRoleHandler
from usecases.identity.revoke_api_key import RevokeApiKeyHandler
from usecases.identity.rotate_api_key import RotateApiKeyHandler
from usecases.identity.search_users import SearchUsersHandler
from usecases.identity.set_role_two_factor import SetRoleTwoFactorHandler
from usecases.identity.unblock_user import UnblockUserHandler
from usecases.identity.update_branch import UpdateBranchHandler
from usecases.identity.update_feature import UpdateFeatureHandler
from usecases.identity.update_security_settings import UpdateSecuritySettingsHandler
from usecases.identity.update_user import UpdateUserHandler


def register_access_control(registry: HandlerRegistry, k: IdentityKit) -> None:
    clock = k.container.clock
    r = registry.register
    r(GetUserHandler, lambda: GetUserHandler(uow=k.uow()))
    r(UpdateUserHandler, lambda: UpdateUserHandler(uow=k.uow(), clock=clock))
    r(SearchUsersHandler, lambda: SearchUsersHandler(uow=k.uow()))
    r(AssignRoleHandler, lambda: AssignRoleHandler(uow=k.uow(), access=k.access, clock=clock))
    r(RemoveRoleHandler, lambda: RemoveRoleHandler(uow=k.uow(), access=k.access, clock=clock))
    r(GetUserPermissionsHandler, lambda: GetUserPermissionsHandler(uow=k.uow(), access=k.access))
    r(
        ChangePlatformAccessHandler,
        lambda: ChangePlatformAccessHandler(uow=k.uow(), sessions=k.sessions, clock=clock),
    )
    r(ChangeFeatureAccessHandler, lambda: ChangeFeatureAccessHandler(uow=k.uow(), clock=clock))
    r(
        UnblockUserHandler,
        lambda: UnblockUserHandler(uow=k.uow(), access=k.access, recorder=k.recorder, clock=clock),
    )
    r(ListRolesHandler, lambda: ListRolesHandler(access=k.access))
    r(
        SetRoleTwoFactorHandler,
        lambda: SetRoleTwoFactorHandler(uow=k.uow(), access=k.access, clock=clock),
    )
    r(CreateBranchHandler, lambda: CreateBranchHandler(uow=k.uow(), clock=clock))
    r(ListBranchesHandler, lambda: ListBranchesHandler(uow=k.uow()))
    r(GetBranchHandler, lambda: GetBranchHandler(uow=k.uow()))
    r(UpdateBranchHandler, lambda: UpdateBranchHandler(uow=k.uow(), clock=clock))
    r(DeleteBranchHandler, lambda: DeleteBranchHandler(uow=k.uow(), clock=clock))
    r(CreateFeatureHandler, lambda: CreateFeatureHandler(uow=k.uow(), clock=clock))
    r(ListFeaturesHandler, lambda: ListFeaturesHandler(uow=k.uow()))
    r(UpdateFeatureHandler, lambda: UpdateFeatureHandler(uow=k.uow(), clock=clock))
    r(CheckFeatureHandler, lambda: CheckFeatureHandler(uow=k.uow()))
    r(GetSecuritySettingsHandler, lambda: GetSecuritySettingsHandler(uow=k.uow(), access=k.access))
    r(
        UpdateSecuritySettingsHandler,
        lambda: UpdateSecuritySettingsHandler(uow=k.uow(), access=k.access, clock=clock),
    )
    r(CreateApiKeyHandler, lambda: CreateApiKeyHandler(uow=k.uow(), digest=k.digest, clock=clock))
    r(ListApiKeysHandler, lambda: ListApiKeysHandler(uow=k.uow(), clock=clock))
    r(GetApiKeyHandler, lambda: GetApiKeyHandler(uow=k.uow(), clock=clock))
    r(RevokeApiKeyHandler, lambda: RevokeApiKeyHandler(uow=k.uow(), clock=clock))
    r(RotateApiKeyHandler, lambda: RotateApiKeyHandler(uow=k.uow(), digest=k.digest, clock=clock))
    r(GetPartnerStatusHandler, lambda: GetPartnerStatusHandler(uow=k.uow(), clock=clock))
    r(
        CreateAdminHandler,
        lambda: CreateAdminHandler(
            uow=k.uow(),
            contacts=k.contacts,
            rules=k.rules,
            hasher=k.hasher,
            recorder=k.recorder,
            clock=clock,
        ),
    )
