"""Registration in steps: initiate, verify a code per contact, basic details; resumable."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Request

from adapters.http.auth import request_origin
from adapters.http.errors import errors
from adapters.http.identity.authentication.token_schemas import SignedInSessionRead
from adapters.http.identity.registration.schemas import (
    RegistrationBasicInfoCreate,
    RegistrationCreate,
    RegistrationOtpCheckCreate,
    RegistrationOtpResendCreate,
    RegistrationRead,
)
from adapters.http.policy import PUBLIC, access
from adapters.http.registry import provide
from domain.identity.contact import ContactChannel
from domain.identity.errors import (
    OtpBlocked,
    OtpCooldown,
    OtpDailyLimit,
    OtpExpired,
    OtpInvalid,
    OtpUsed,
    RegistrationCompleted,
    RegistrationExpired,
    RegistrationIncomplete,
    RegistrationNotFound,
    WeakPassword,
)
from domain.identity.ids import RegistrationId
from domain.shared.errors import Conflict, RateLimited, ValidationFailed
from usecases.identity.registration.complete_registration import (
    CompleteRegistration,
    CompleteRegistrationHandler,
)
from usecases.identity.registration.get_registration import GetRegistration, GetRegistrationHandler
from usecases.identity.registration.initiate_registration import (
    InitiateRegistration,
    InitiateRegistrationHandler,
)
from usecases.identity.registration.resend_registration_otp import (
    ResendRegistrationOtp,
    ResendRegistrationOtpHandler,
)
from usecases.identity.registration.verify_registration_otp import (
    VerifyRegistrationOtp,
    VerifyRegistrationOtpHandler,
)

router = APIRouter(prefix="/auth/register", tags=["identity"])


@router.post(
    "/initiate",
    status_code=201,
    summary="Start registering: email, mobile and password; a code goes to each",
    responses=errors(ValidationFailed, WeakPassword, OtpCooldown, OtpDailyLimit, RateLimited),
)
@access(PUBLIC)
async def initiate_registration(
    body: RegistrationCreate,
    request: Request,
    handler: Annotated[InitiateRegistrationHandler, provide(InitiateRegistrationHandler)],
) -> RegistrationRead:
    view = await handler.execute(
        InitiateRegistration(
            email=body.email,
            mobile=body.mobile,
            password=body.password,
            origin=request_origin(request),
        )
    )
    return RegistrationRead.of(view)


@router.post(
    "/verify-otp",
    summary="Verify the code sent to the email address or the mobile",
    responses=errors(
        RegistrationNotFound,
        RegistrationCompleted,
        OtpInvalid,
        OtpExpired,
        OtpUsed,
        OtpBlocked,
        RegistrationExpired,
        RateLimited,
    ),
)
@access(PUBLIC)
async def verify_registration_otp(
    body: RegistrationOtpCheckCreate,
    request: Request,
    handler: Annotated[VerifyRegistrationOtpHandler, provide(VerifyRegistrationOtpHandler)],
) -> RegistrationRead:
    view = await handler.execute(
        VerifyRegistrationOtp(
            registration_id=RegistrationId(body.registration_id),
            channel=ContactChannel(body.channel),
            code=body.code,
            origin=request_origin(request),
        )
    )
    return RegistrationRead.of(view)


@router.post(
    "/resend-otp",
    status_code=202,
    summary="Send a new code to one contact",
    responses=errors(
        RegistrationNotFound,
        RegistrationCompleted,
        RegistrationExpired,
        OtpCooldown,
        OtpDailyLimit,
        RateLimited,
    ),
)
@access(PUBLIC)
async def resend_registration_otp(
    body: RegistrationOtpResendCreate,
    request: Request,
    handler: Annotated[ResendRegistrationOtpHandler, provide(ResendRegistrationOtpHandler)],
) -> RegistrationRead:
    view = await handler.execute(
        ResendRegistrationOtp(
            registration_id=RegistrationId(body.registration_id),
            channel=ContactChannel(body.channel),
            origin=request_origin(request),
        )
    )
    return RegistrationRead.of(view)


@router.post(
    "/basic-info",
    status_code=201,
    summary="Finish registering with basic details; the new account is logged in",
    responses=errors(
        RegistrationNotFound,
        RegistrationCompleted,
        Conflict,
        RegistrationIncomplete,
        RegistrationExpired,
        ValidationFailed,
        RateLimited,
    ),
)
@access(PUBLIC)
async def complete_registration(
    body: RegistrationBasicInfoCreate,
    request: Request,
    handler: Annotated[CompleteRegistrationHandler, provide(CompleteRegistrationHandler)],
) -> SignedInSessionRead:
    result = await handler.execute(
        CompleteRegistration(
            registration_id=RegistrationId(body.registration_id),
            full_name=body.full_name,
            date_of_birth=body.date_of_birth,
            country=body.country,
            device_id=body.device_id,
            device_name=body.device_name,
            origin=request_origin(request),
        )
    )
    return SignedInSessionRead.of(result)


# `:uuid` so that only an id matches: `GET /auth/register/initiate` is the 405 of the POST
# beside it, not this route refusing "initiate" as an id.
@router.get(
    "/{registration_id:uuid}",
    summary="Where a registration stands (to resume it)",
    responses=errors(RegistrationNotFound, RateLimited),
)
@access(PUBLIC)
async def get_registration(
    registration_id: UUID,
    request: Request,
    handler: Annotated[GetRegistrationHandler, provide(GetRegistrationHandler)],
) -> RegistrationRead:
    view = await handler.execute(
        GetRegistration(
            registration_id=RegistrationId(registration_id), origin=request_origin(request)
        )
    )
    return RegistrationRead.of(view)
