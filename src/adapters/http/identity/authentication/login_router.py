"""Login (with a two-factor step when it is on), token refresh, logout."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import HTTPAuthorizationCredentials

from adapters.http.auth import CurrentActor, bearer_scheme, request_origin
from adapters.http.errors import errors
from adapters.http.identity.authentication.token_schemas import (
    LoginCreate,
    LoginRead,
    SignedInSessionRead,
    TokenPairRead,
    TokenRefreshCreate,
    TwoFactorLoginCreate,
)
from adapters.http.policy import AUTHENTICATED, PUBLIC, access
from adapters.http.registry import provide
from domain.identity.errors import (
    InvalidCredentials,
    IpNotAllowed,
    RefreshReused,
    TokenExpired,
    TokenInvalid,
    TokenRevoked,
    TwoFactorInvalid,
)
from domain.identity.risk import LoginBlockedByRisk, RiskVerificationRequired
from domain.identity.user import Platform
from domain.shared.errors import RateLimited, ValidationFailed
from usecases.identity.authentication.login import Login, LoginHandler
from usecases.identity.authentication.logout import Logout, LogoutHandler
from usecases.identity.authentication.logout_everywhere import (
    LogoutEverywhere,
    LogoutEverywhereHandler,
)
from usecases.identity.authentication.refresh_token import RefreshToken, RefreshTokenHandler
from usecases.identity.authentication.verify_two_factor_login import (
    VerifyTwoFactorLogin,
    VerifyTwoFactorLoginHandler,
)

router = APIRouter(prefix="/auth", tags=["identity"])

Bearer = Annotated[HTTPAuthorizationCredentials | None, Depends(bearer_scheme)]


def _token(credentials: HTTPAuthorizationCredentials | None) -> str:
    return credentials.credentials if credentials else ""  # CurrentActor required one


@router.post(
    "/login",
    summary="Log in with an email address or mobile number and a password",
    responses=errors(
        InvalidCredentials,
        RiskVerificationRequired,
        LoginBlockedByRisk,
        ValidationFailed,
        RateLimited,
    ),
)
@access(PUBLIC)
async def log_in(
    body: LoginCreate,
    request: Request,
    handler: Annotated[LoginHandler, provide(LoginHandler)],
) -> LoginRead:
    outcome = await handler.execute(
        Login(
            identifier=body.identifier,
            password=body.password,
            device_id=body.device_id,
            device_name=body.device_name,
            platform=Platform(body.platform),  # one of the schema's platforms
            origin=request_origin(request),
        )
    )
    return LoginRead.of(outcome)


@router.post(
    "/login/verify-2fa",
    summary="Answer a login's two-factor challenge with an authenticator or recovery code",
    responses=errors(TokenInvalid, TokenExpired, TwoFactorInvalid, RateLimited),
)
@access(PUBLIC)
async def verify_two_factor_login(
    body: TwoFactorLoginCreate,
    request: Request,
    handler: Annotated[VerifyTwoFactorLoginHandler, provide(VerifyTwoFactorLoginHandler)],
) -> SignedInSessionRead:
    session = await handler.execute(
        VerifyTwoFactorLogin(
            challenge_token=body.challenge_token,
            code=body.code,
            device_name=body.device_name,
            origin=request_origin(request),
        )
    )
    return SignedInSessionRead.of(session)


@router.post(
    "/token/refresh",
    summary="Exchange a refresh token for a new token pair (each refresh token works once)",
    responses=errors(
        TokenInvalid, TokenExpired, TokenRevoked, RefreshReused, IpNotAllowed, RateLimited
    ),
)
@access(PUBLIC)
async def refresh_token(
    body: TokenRefreshCreate,
    request: Request,
    handler: Annotated[RefreshTokenHandler, provide(RefreshTokenHandler)],
) -> TokenPairRead:
    tokens = await handler.execute(
        RefreshToken(refresh_token=body.refresh_token, origin=request_origin(request))
    )
    return TokenPairRead.of(tokens)


@router.post(
    "/logout",
    status_code=204,
    summary="Log out this session",
    responses=errors(TokenInvalid, TokenRevoked, RateLimited),
)
@access(AUTHENTICATED)
async def log_out(
    actor: CurrentActor,
    credentials: Bearer,
    handler: Annotated[LogoutHandler, provide(LogoutHandler)],
) -> Response:
    await handler.execute(Logout(actor=actor, access_token=_token(credentials)))
    return Response(status_code=204)


@router.post(
    "/logout-all",
    status_code=204,
    summary="Log out everywhere: every session of the account ends",
    responses=errors(TokenInvalid, TokenRevoked, RateLimited),
)
@access(AUTHENTICATED)
async def log_out_everywhere(
    actor: CurrentActor,
    credentials: Bearer,
    handler: Annotated[LogoutEverywhereHandler, provide(LogoutEverywhereHandler)],
) -> Response:
    await handler.execute(LogoutEverywhere(actor=actor, access_token=_token(credentials)))
    return Response(status_code=204)
