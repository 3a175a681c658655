"""Identity context wiring: its handlers (registration, login and sessions, passwords,
two-factor, profile, administration, access control, API keys, risk), its routers, and the
app-wide Authenticator. Its collaborators are in ``collaborators``."""

from __future__ import annotations

from adapters.http.identity.administration import access_router, user_admin_router
from adapters.http.identity.api_keys import router as api_key_router
from adapters.http.identity.authentication import login_router, session_router
from adapters.http.identity.passwords import router as password_router
from adapters.http.identity.profile import router as me_router
from adapters.http.identity.registration import router as registration_router
from adapters.http.identity.risk import router as risk_router
from adapters.http.identity.two_factor import router as two_factor_router
from adapters.http.public import router as public_router
from infrastructure.wiring.identity.collaborators import COLLABORATORS
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.identity.access_control.assign_role import AssignRoleHandler
from usecases.identity.access_control.change_feature_access import ChangeFeatureAccessHandler
from usecases.identity.access_control.change_platform_access import ChangePlatformAccessHandler
from usecases.identity.access_control.check_feature import CheckFeatureHandler
from usecases.identity.access_control.get_security_settings import GetSecuritySettingsHandler
from usecases.identity.access_control.get_user_permissions import GetUserPermissionsHandler
from usecases.identity.access_control.list_roles import ListRolesHandler
from usecases.identity.access_control.remove_role import RemoveRoleHandler
from usecases.identity.access_control.set_role_two_factor import SetRoleTwoFactorHandler
from usecases.identity.access_control.update_security_settings import UpdateSecuritySettingsHandler
from usecases.identity.administration.block_user import BlockUserHandler
from usecases.identity.administration.create_admin import CreateAdminHandler
from usecases.identity.administration.create_branch import CreateBranchHandler
from usecases.identity.administration.create_feature import CreateFeatureHandler
from usecases.identity.administration.delete_branch import DeleteBranchHandler
from usecases.identity.administration.get_branch import GetBranchHandler
from usecases.identity.administration.get_user import GetUserHandler
from usecases.identity.administration.list_branches import ListBranchesHandler
from usecases.identity.administration.list_features import ListFeaturesHandler
from usecases.identity.administration.search_users import SearchUsersHandler
from usecases.identity.administration.unblock_user import UnblockUserHandler
from usecases.identity.administration.update_branch import UpdateBranchHandler
from usecases.identity.administration.update_feature import UpdateFeatureHandler
from usecases.identity.administration.update_user import UpdateUserHandler
from usecases.identity.api_keys.create_api_key import CreateApiKeyHandler
from usecases.identity.api_keys.get_api_key import GetApiKeyHandler
from usecases.identity.api_keys.get_partner_status import GetPartnerStatusHandler
from usecases.identity.api_keys.list_api_keys import ListApiKeysHandler
from usecases.identity.api_keys.revoke_api_key import RevokeApiKeyHandler
from usecases.identity.api_keys.rotate_api_key import RotateApiKeyHandler
from usecases.identity.api_keys.update_api_key import UpdateApiKeyHandler
from usecases.identity.authentication.forget_device import ForgetDeviceHandler
from usecases.identity.authentication.list_devices import ListDevicesHandler
from usecases.identity.authentication.list_login_activity import ListLoginActivityHandler
from usecases.identity.authentication.list_sessions import ListSessionsHandler
from usecases.identity.authentication.login import LoginHandler
from usecases.identity.authentication.logout import LogoutHandler
from usecases.identity.authentication.logout_everywhere import LogoutEverywhereHandler
from usecases.identity.authentication.refresh_token import RefreshTokenHandler
from usecases.identity.authentication.revoke_session import RevokeSessionHandler
from usecases.identity.authentication.verify_two_factor_login import VerifyTwoFactorLoginHandler
from usecases.identity.passwords.change_password import ChangePasswordHandler
from usecases.identity.passwords.forgot_password import ForgotPasswordHandler
from usecases.identity.passwords.reset_password import ResetPasswordHandler
from usecases.identity.passwords.verify_reset_otp import VerifyResetOtpHandler
from usecases.identity.profile.get_me import GetMeHandler
from usecases.identity.profile.update_me import UpdateMeHandler
from usecases.identity.public.authenticator import Authenticator
from usecases.identity.registration.complete_registration import CompleteRegistrationHandler
from usecases.identity.registration.get_registration import GetRegistrationHandler
from usecases.identity.registration.initiate_registration import InitiateRegistrationHandler
from usecases.identity.registration.resend_registration_otp import ResendRegistrationOtpHandler
from usecases.identity.registration.verify_registration_otp import VerifyRegistrationOtpHandler
from usecases.identity.risk.list_suspicious_activity import ListSuspiciousActivityHandler
from usecases.identity.two_factor.confirm_two_factor import ConfirmTwoFactorHandler
from usecases.identity.two_factor.disable_two_factor import DisableTwoFactorHandler
from usecases.identity.two_factor.enroll_two_factor import EnrollTwoFactorHandler
from usecases.identity.two_factor.regenerate_recovery_codes import RegenerateRecoveryCodesHandler

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
        UpdateApiKeyHandler,
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
