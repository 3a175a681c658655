"""Identity context wiring: its handlers, its routers, and the app-wide Authenticator."""

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
from adapters.http.registry import HandlerRegistry
from adapters.persistence.cursor import decode_cursor, encode_cursor
from infrastructure.banking.public import risk_activity as banking_risk_activity
from infrastructure.container import Container
from infrastructure.identity.access_wiring import register_access_control
from infrastructure.identity.kit import IdentityKit, build_kit, unit_of_work_factory
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.identity.authenticate_bearer import BearerAuthenticator
from usecases.identity.block_user import BlockUserHandler
from usecases.identity.change_password import ChangePasswordHandler
from usecases.identity.complete_registration import CompleteRegistrationHandler
from usecases.identity.confirm_two_factor import ConfirmTwoFactorHandler
from usecases.identity.disable_two_factor import DisableTwoFactorHandler
from usecases.identity.enroll_two_factor import EnrollTwoFactorHandler
from usecases.identity.forget_device import ForgetDeviceHandler
from usecases.identity.forgot_password import ForgotPasswordHandler
from usecases.identity.get_me import GetMeHandler
from usecases.identity.get_registration import GetRegistrationHandler
from usecases.identity.initiate_registration import InitiateRegistrationHandler
from usecases.identity.list_devices import ListDevicesHandler
from usecases.identity.list_login_activity import ListLoginActivityHandler
from usecases.identity.list_sessions import ListSessionsHandler
from usecases.identity.list_suspicious_activity import (
    CursorCodec,
    ListSuspiciousActivityHandler,
)
from usecases.identity.login import LoginHandler
from usecases.identity.logout import LogoutHandler
from usecases.identity.logout_everywhere import LogoutEverywhereHandler
from usecases.identity.public.authenticator import Authenticator
from usecases.identity.refresh_token import RefreshTokenHandler
from usecases.identity.regenerate_recovery_codes import RegenerateRecoveryCodesHandler
from usecases.identity.registration_codes import RegistrationCodes
from usecases.identity.resend_registration_otp import ResendRegistrationOtpHandler
from usecases.identity.reset_password import ResetPasswordHandler
from usecases.identity.revoke_session import RevokeSessionHandler
from usecases.identity.update_me import UpdateMeHandler
from usecases.identity.verify_registration_otp import VerifyRegistrationOtpHandler
from usecases.identity.verify_reset_otp import VerifyResetOtpHandler
from usecases.identity.verify_two_factor_login import VerifyTwoFactorLoginHandler


def register(registry: HandlerRegistry, container: Container) -> None:
    k = build_kit(container)
    clock = container.clock
    authenticator = BearerAuthenticator(
        codec=k.codec,
        denylist=container.denylist,
        access=k.access,
        idle=k.idle,
        digest=k.digest,
        limiter=container.rate_limiter,
        uow_factory=unit_of_work_factory(container, require_audit=False),
        recorder=k.recorder,
        clock=clock,
    )
    registry.register(Authenticator, lambda: authenticator)  # type: ignore[type-abstract]
    registration_codes = RegistrationCodes(k.codes)

    registry.register(
        InitiateRegistrationHandler,
        lambda: InitiateRegistrationHandler(
            uow=k.uow(),
            contacts=k.contacts,
            rules=k.rules,
            hasher=k.hasher,
            codes=registration_codes,
            throttle=k.throttle,
            config=k.config,
            clock=clock,
        ),
    )
    registry.register(
        VerifyRegistrationOtpHandler,
        lambda: VerifyRegistrationOtpHandler(
            uow=k.uow(), codes=registration_codes, throttle=k.throttle, clock=clock
        ),
    )
    registry.register(
        ResendRegistrationOtpHandler,
        lambda: ResendRegistrationOtpHandler(
            uow=k.uow(), codes=registration_codes, throttle=k.throttle, clock=clock
        ),
    )
    registry.register(
        GetRegistrationHandler,
        lambda: GetRegistrationHandler(uow=k.uow(), throttle=k.throttle, clock=clock),
    )
    registry.register(
        CompleteRegistrationHandler,
        lambda: CompleteRegistrationHandler(
            uow=k.uow(),
            sessions=k.sessions,
            agents=k.agents,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )
    _register_login(registry, k)
    _register_passwords(registry, k)
    _register_two_factor(registry, k)
    _register_account(registry, k)
    register_access_control(registry, k)


def _register_login(registry: HandlerRegistry, k: IdentityKit) -> None:
    clock = k.container.clock
    registry.register(
        LoginHandler,
        lambda: LoginHandler(
            uow=k.uow(),
            contacts=k.contacts,
            hasher=k.hasher,
            sessions=k.sessions,
            codec=k.codec,
            agents=k.agents,
            recorder=k.recorder,
            lockouts=k.lockouts,
            throttle=k.throttle,
            config=k.config,
            clock=clock,
        ),
    )
    registry.register(
        VerifyTwoFactorLoginHandler,
        lambda: VerifyTwoFactorLoginHandler(
            uow=k.uow(),
            codec=k.codec,
            denylist=k.container.denylist,
            second_factor=k.second_factor,
            sessions=k.sessions,
            agents=k.agents,
            recorder=k.recorder,
            lockouts=k.lockouts,
            throttle=k.throttle,
            config=k.config,
            clock=clock,
        ),
    )
    registry.register(
        RefreshTokenHandler,
        lambda: RefreshTokenHandler(
            uow=k.uow(),
            sessions=k.sessions,
            agents=k.agents,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
            idle=k.idle,
        ),
    )
    registry.register(
        LogoutHandler,
        lambda: LogoutHandler(
            uow=k.uow(),
            codec=k.codec,
            sessions=k.sessions,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )
    registry.register(
        LogoutEverywhereHandler,
        lambda: LogoutEverywhereHandler(
            uow=k.uow(),
            codec=k.codec,
            sessions=k.sessions,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )


def _register_passwords(registry: HandlerRegistry, k: IdentityKit) -> None:
    clock = k.container.clock
    registry.register(
        ForgotPasswordHandler,
        lambda: ForgotPasswordHandler(
            uow=k.uow(), contacts=k.contacts, codes=k.codes, throttle=k.throttle
        ),
    )
    registry.register(
        VerifyResetOtpHandler,
        lambda: VerifyResetOtpHandler(
            uow=k.uow(), contacts=k.contacts, codes=k.codes, digest=k.digest, throttle=k.throttle
        ),
    )
    registry.register(
        ResetPasswordHandler,
        lambda: ResetPasswordHandler(
            uow=k.uow(),
            digest=k.digest,
            rules=k.rules,
            hasher=k.hasher,
            second_factor=k.second_factor,
            sessions=k.sessions,
            agents=k.agents,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )
    registry.register(
        ChangePasswordHandler,
        lambda: ChangePasswordHandler(
            uow=k.uow(),
            rules=k.rules,
            hasher=k.hasher,
            sessions=k.sessions,
            agents=k.agents,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )


def _register_two_factor(registry: HandlerRegistry, k: IdentityKit) -> None:
    clock = k.container.clock
    registry.register(
        EnrollTwoFactorHandler,
        lambda: EnrollTwoFactorHandler(
            uow=k.uow(),
            totp=k.totp,
            qr=k.qr,
            second_factor=k.second_factor,
            throttle=k.throttle,
            config=k.config,
            clock=clock,
        ),
    )
    registry.register(
        ConfirmTwoFactorHandler,
        lambda: ConfirmTwoFactorHandler(
            uow=k.uow(),
            second_factor=k.second_factor,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
            access=k.access,
        ),
    )
    registry.register(
        DisableTwoFactorHandler,
        lambda: DisableTwoFactorHandler(
            uow=k.uow(),
            hasher=k.hasher,
            second_factor=k.second_factor,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
            access=k.access,
        ),
    )
    registry.register(
        RegenerateRecoveryCodesHandler,
        lambda: RegenerateRecoveryCodesHandler(
            uow=k.uow(),
            second_factor=k.second_factor,
            recorder=k.recorder,
            throttle=k.throttle,
            clock=clock,
        ),
    )


def _register_account(registry: HandlerRegistry, k: IdentityKit) -> None:
    clock = k.container.clock
    # Risky events other contexts score, listed with risky logins (suspicious activity).
    risk_sources = (banking_risk_activity(k.container),)
    registry.register(
        ListSessionsHandler,
        lambda: ListSessionsHandler(uow=k.uow(), throttle=k.throttle, clock=clock),
    )
    registry.register(
        RevokeSessionHandler,
        lambda: RevokeSessionHandler(
            uow=k.uow(), sessions=k.sessions, recorder=k.recorder, throttle=k.throttle, clock=clock
        ),
    )
    registry.register(
        ListDevicesHandler, lambda: ListDevicesHandler(uow=k.uow(), throttle=k.throttle)
    )
    registry.register(
        ForgetDeviceHandler,
        lambda: ForgetDeviceHandler(
            uow=k.uow(), sessions=k.sessions, recorder=k.recorder, throttle=k.throttle, clock=clock
        ),
    )
    registry.register(
        ListLoginActivityHandler,
        lambda: ListLoginActivityHandler(uow=k.uow(), throttle=k.throttle),
    )
    registry.register(
        ListSuspiciousActivityHandler,
        lambda: ListSuspiciousActivityHandler(
            uow=k.uow(),
            config=k.config,
            sources=risk_sources,
            cursors=CursorCodec(encode_cursor, decode_cursor),
        ),
    )
    registry.register(GetMeHandler, lambda: GetMeHandler(uow=k.uow()))
    registry.register(UpdateMeHandler, lambda: UpdateMeHandler(uow=k.uow(), clock=clock))
    registry.register(
        BlockUserHandler,
        lambda: BlockUserHandler(
            uow=k.uow(), sessions=k.sessions, recorder=k.recorder, clock=clock
        ),
    )


MODULE = ContextModule(
    name="identity",
    register=register,
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
