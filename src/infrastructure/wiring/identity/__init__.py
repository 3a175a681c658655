"""Identity context wiring: its handlers (registration, login and sessions, passwords,
two-factor, profile, administration, access control, API keys, risk), its routers, and the
app-wide Authenticator. Its collaborators are in ``collaborators``."""

from __future__ import annotations

from adapters.http.identity import (
    access_router,
    api_key_router,
    login_router,
    me_router,
    password_router,
    registration_router,
    risk_router,
    session_router,
    two_factor_router,
    user_admin_router,
)
from adapters.http.public import router as public_router
from infrastructure.wiring.identity.collaborators import COLLABORATORS
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.identity.assign_role import AssignRoleHandler
from usecases.identity.block_user import BlockUserHandler
from usecases.identity.change_feature_access import ChangeFeatureAccessHandler
from usecases.identity.change_password import ChangePasswordHandler
from usecases.identity.change_platform_access import ChangePlatformAccessHandler
from usecases.identity.check_feature import CheckFeatureHandler
from usecases.identity.complete_registration import CompleteRegistrationHandler
from usecases.identity.confirm_two_factor import ConfirmTwoFactorHandler
from usecases.identity.create_admin import CreateAdminHandler
from usecases.identity.create_api_key import CreateApiKeyHandler
from usecases.identity.create_branch import CreateBranchHandler
from usecases.identity.create_feature import CreateFeatureHandler
from usecases.identity.delete_branch import DeleteBranchHandler
from usecases.identity.disable_two_factor import DisableTwoFactorHandler
from usecases.identity.enroll_two_factor import EnrollTwoFactorHandler
from usecases.identity.forget_device import ForgetDeviceHandler
from usecases.identity.forgot_password import ForgotPasswordHandler
from usecases.identity.get_api_key import GetApiKeyHandler
from usecases.identity.get_branch import GetBranchHandler
from usecases.identity.get_me import GetMeHandler
from usecases.identity.get_partner_status import GetPartnerStatusHandler
from usecases.identity.get_registration import GetRegistrationHandler
from usecases.identity.get_security_settings import GetSecuritySettingsHandler
from usecases.identity.get_user import GetUserHandler
from usecases.identity.get_user_permissions import GetUserPermissionsHandler
from usecases.identity.initiate_registration import InitiateRegistrationHandler
from usecases.identity.list_api_keys import ListApiKeysHandler
from usecases.identity.list_branches import ListBranchesHandler
from usecases.identity.list_devices import ListDevicesHandler
from usecases.identity.list_features import ListFeaturesHandler
from usecases.identity.list_login_activity import ListLoginActivityHandler
from usecases.identity.list_roles import ListRolesHandler
from usecases.identity.list_sessions import ListSessionsHandler
from usecases.identity.list_suspicious_activity import ListSuspiciousActivityHandler
from usecases.identity.login import LoginHandler
from usecases.identity.logout import LogoutHandler
from usecases.identity.logout_everywhere import LogoutEverywhereHandler
from usecases.identity.public.authenticator import Authenticator
from usecases.identity.refresh_token import RefreshTokenHandler
from usecases.identity.regenerate_recovery_codes import RegenerateRecoveryCodesHandler
from usecases.identity.remove_role import RemoveRoleHandler
from usecases.identity.resend_registration_otp import ResendRegistrationOtpHandler
from usecases.identity.reset_password import ResetPasswordHandler
from usecases.identity.revoke_api_key import RevokeApiKeyHandler
from usecases.identity.revoke_session import RevokeSessionHandler
from usecases.identity.rotate_api_key import RotateApiKeyHandler
from usecases.identity.search_users import SearchUsersHandler
from usecases.identity.set_role_two_factor import SetRoleTwoFactorHandler
from usecases.identity.unblock_user import UnblockUserHandler
from usecases.identity.update_branch import UpdateBranchHandler
from usecases.identity.update_feature import UpdateFeatureHandler
from usecases.identity.update_me import UpdateMeHandler
from usecases.identity.update_security_settings import UpdateSecuritySettingsHandler
from usecases.identity.update_user import UpdateUserHandler
from usecases.identity.verify_registration_otp import VerifyRegistrationOtpHandler
from usecases.identity.verify_reset_otp import VerifyResetOtpHandler
from usecases.identity.verify_two_factor_login import VerifyTwoFactorLoginHandler

MODULE = ContextModule(
    name="identity",
    handlers=(
        Authenticator,
        InitiateRegistrationHandler,
        VerifyRegistrationOtpHandler,
        ResendRegistrationOtpHandler,
        GetRegistrationHandler,
        CompleteRegistrationHandler,
        LoginHandler,
        VerifyTwoFactorLoginHandler,
        RefreshTokenHandler,
        LogoutHandler,
        LogoutEverywhereHandler,
        ForgotPasswordHandler,
        VerifyResetOtpHandler,
        ResetPasswordHandler,
        ChangePasswordHandler,
        EnrollTwoFactorHandler,
        ConfirmTwoFactorHandler,
        DisableTwoFactorHandler,
        RegenerateRecoveryCodesHandler,
        ListSessionsHandler,
        RevokeSessionHandler,
        ListDevicesHandler,
        ForgetDeviceHandler,
        ListLoginActivityHandler,
        ListSuspiciousActivityHandler,
        GetMeHandler,
        UpdateMeHandler,
        BlockUserHandler,
        GetUserHandler,
        UpdateUserHandler,
        SearchUsersHandler,
        AssignRoleHandler,
        RemoveRoleHandler,
        GetUserPermissionsHandler,
        ChangePlatformAccessHandler,
        ChangeFeatureAccessHandler,
        UnblockUserHandler,
        ListRolesHandler,
        SetRoleTwoFactorHandler,
        CreateBranchHandler,
        ListBranchesHandler,
        GetBranchHandler,
        UpdateBranchHandler,
        DeleteBranchHandler,
        CreateFeatureHandler,
        ListFeaturesHandler,
        UpdateFeatureHandler,
        CheckFeatureHandler,
        GetSecuritySettingsHandler,
        UpdateSecuritySettingsHandler,
        CreateApiKeyHandler,
        ListApiKeysHandler,
        GetApiKeyHandler,
        RevokeApiKeyHandler,
        RotateApiKeyHandler,
        GetPartnerStatusHandler,
        CreateAdminHandler,
    ),
    collaborators=COLLABORATORS,
    routers=(
        Mounted(registration_router.router),
        Mounted(login_router.router),
        Mounted(password_router.router),
        Mounted(two_factor_router.router),
        Mounted(session_router.router),
        Mounted(me_router.router),
        Mounted(user_admin_router.router),
        Mounted(access_router.router),
        Mounted(api_key_router.router),
        Mounted(risk_router.router),
        Mounted(public_router.router, prefix=public_router.PREFIX),
    ),
)
