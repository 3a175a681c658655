"""Authenticator-app two-factor: enrol, confirm, disable, new recovery codes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.identity.two_factor.schemas import (
    RecoveryCodesRead,
    TwoFactorCodeCreate,
    TwoFactorDisableCreate,
    TwoFactorEnrollmentRead,
)
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.identity.errors import (
    PasswordIncorrect,
    TwoFactorAlreadyEnabled,
    TwoFactorInvalid,
    TwoFactorNotEnabled,
    TwoFactorNotEnrolled,
)
from domain.shared.errors import RateLimited
from usecases.identity.two_factor.confirm_two_factor import (
    ConfirmTwoFactor,
    ConfirmTwoFactorHandler,
)
from usecases.identity.two_factor.disable_two_factor import (
    DisableTwoFactor,
    DisableTwoFactorHandler,
)
from usecases.identity.two_factor.enroll_two_factor import EnrollTwoFactor, EnrollTwoFactorHandler
from usecases.identity.two_factor.regenerate_recovery_codes import (
    RegenerateRecoveryCodes,
    RegenerateRecoveryCodesHandler,
)

router = APIRouter(prefix="/auth/2fa", tags=["identity"])


@router.post(
    "/enroll",
    status_code=201,
    summary="Start turning on two-factor: a secret as an otpauth URI and a QR code",
    responses=errors(TwoFactorAlreadyEnabled, RateLimited),
)
@access(AUTHENTICATED)
async def enroll_two_factor(
    actor: CurrentActor,
    handler: Annotated[EnrollTwoFactorHandler, provide(EnrollTwoFactorHandler)],
) -> TwoFactorEnrollmentRead:
    return TwoFactorEnrollmentRead.of(await handler.execute(EnrollTwoFactor(actor=actor)))


@router.post(
    "/confirm",
    summary="Turn two-factor on with a first code; returns the recovery codes once",
    responses=errors(TwoFactorNotEnrolled, TwoFactorAlreadyEnabled, TwoFactorInvalid, RateLimited),
)
@access(AUTHENTICATED)
async def confirm_two_factor(
    body: TwoFactorCodeCreate,
    actor: CurrentActor,
    handler: Annotated[ConfirmTwoFactorHandler, provide(ConfirmTwoFactorHandler)],
) -> RecoveryCodesRead:
    codes = await handler.execute(ConfirmTwoFactor(actor=actor, code=body.code))
    return RecoveryCodesRead.of(codes)


@router.post(
    "/disable",
    status_code=204,
    summary="Turn two-factor off (password and a code required)",
    responses=errors(TwoFactorNotEnabled, PasswordIncorrect, TwoFactorInvalid, RateLimited),
)
@access(AUTHENTICATED)
async def disable_two_factor(
    body: TwoFactorDisableCreate,
    actor: CurrentActor,
    handler: Annotated[DisableTwoFactorHandler, provide(DisableTwoFactorHandler)],
) -> Response:
    await handler.execute(DisableTwoFactor(actor=actor, password=body.password, code=body.code))
    return Response(status_code=204)


@router.post(
    "/recovery-codes",
    summary="Replace the recovery codes (an authenticator code required)",
    responses=errors(TwoFactorNotEnabled, TwoFactorInvalid, RateLimited),
)
@access(AUTHENTICATED)
async def regenerate_recovery_codes(
    body: TwoFactorCodeCreate,
    actor: CurrentActor,
    handler: Annotated[RegenerateRecoveryCodesHandler, provide(RegenerateRecoveryCodesHandler)],
) -> RecoveryCodesRead:
    codes = await handler.execute(RegenerateRecoveryCodes(actor=actor, code=body.code))
    return RecoveryCodesRead.of(codes)
