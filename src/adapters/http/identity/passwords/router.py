"""Forgotten and changed passwords."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, BackgroundTasks, Request, Response

from adapters.http.auth import CurrentActor, request_origin
from adapters.http.errors import errors
from adapters.http.identity.passwords.schemas import (
    AcceptedRead,
    PasswordChangeCreate,
    PasswordResetCreate,
    PasswordResetRequestCreate,
    ResetOtpCheckCreate,
    ResetTicketRead,
)
from adapters.http.policy import AUTHENTICATED, PUBLIC, access
from adapters.http.registry import provide
from domain.identity.errors import (
    OtpBlocked,
    OtpExpired,
    OtpInvalid,
    OtpUsed,
    PasswordIncorrect,
    TokenInvalid,
    TwoFactorInvalid,
    TwoFactorRequired,
    WeakPassword,
)
from domain.shared.errors import RateLimited, ValidationFailed
from usecases.identity.passwords.change_password import ChangePassword, ChangePasswordHandler
from usecases.identity.passwords.forgot_password import ForgotPassword, ForgotPasswordHandler
from usecases.identity.passwords.reset_password import ResetPassword, ResetPasswordHandler
from usecases.identity.passwords.verify_reset_otp import VerifyResetOtp, VerifyResetOtpHandler

router = APIRouter(prefix="/auth", tags=["identity"])


@router.post(
    "/forgot-password",
    status_code=202,
    summary="Ask for a password-reset code (the answer is the same for every address)",
    responses=errors(ValidationFailed, RateLimited),
)
@access(PUBLIC)
async def request_password_reset(
    body: PasswordResetRequestCreate,
    request: Request,
    after_response: BackgroundTasks,
    handler: Annotated[ForgotPasswordHandler, provide(ForgotPasswordHandler)],
) -> AcceptedRead:
    send = await handler.execute(
        ForgotPassword(identifier=body.identifier, origin=request_origin(request))
    )
    after_response.add_task(send)  # the lookup and the code, for every identifier alike
    return AcceptedRead(detail="If an account matches, a code is on its way to it.")


@router.post(
    "/verify-reset-otp",
    summary="Exchange a password-reset code for a single-use reset token",
    responses=errors(OtpInvalid, OtpExpired, OtpUsed, OtpBlocked, RateLimited),
)
@access(PUBLIC)
async def verify_reset_otp(
    body: ResetOtpCheckCreate,
    request: Request,
    handler: Annotated[VerifyResetOtpHandler, provide(VerifyResetOtpHandler)],
) -> ResetTicketRead:
    ticket = await handler.execute(
        VerifyResetOtp(identifier=body.identifier, code=body.code, origin=request_origin(request))
    )
    return ResetTicketRead.of(ticket)


@router.post(
    "/reset-password",
    status_code=204,
    summary="Set a new password with a reset token; every session ends",
    responses=errors(
        TokenInvalid,
        OtpUsed,
        OtpExpired,
        WeakPassword,
        TwoFactorRequired,
        TwoFactorInvalid,
        RateLimited,
    ),
)
@access(PUBLIC)
async def reset_password(
    body: PasswordResetCreate,
    request: Request,
    handler: Annotated[ResetPasswordHandler, provide(ResetPasswordHandler)],
) -> Response:
    await handler.execute(
        ResetPassword(
            reset_token=body.reset_token,
            new_password=body.new_password,
            two_factor_code=body.two_factor_code,
            origin=request_origin(request),
        )
    )
    return Response(status_code=204)


@router.post(
    "/change-password",
    status_code=204,
    summary="Change my password; every session ends",
    responses=errors(PasswordIncorrect, WeakPassword, RateLimited),
)
@access(AUTHENTICATED)
async def change_password(
    body: PasswordChangeCreate,
    actor: CurrentActor,
    handler: Annotated[ChangePasswordHandler, provide(ChangePasswordHandler)],
) -> Response:
    await handler.execute(
        ChangePassword(
            actor=actor, current_password=body.current_password, new_password=body.new_password
        )
    )
    return Response(status_code=204)
