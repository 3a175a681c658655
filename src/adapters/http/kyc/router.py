"""KYC steps of the signed-in user (their status and resume without a code), and anyone's
status and resume by code for reviewers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.schemas import (
    AadhaarCreate,
    AadhaarOtpCheckCreate,
    AadhaarOtpRead,
    AadhaarRead,
    KycResumeRead,
    KycStatusRead,
    PanCreate,
    PanRead,
)
from adapters.http.policy import AUTHENTICATED, access, permission
from adapters.http.registry import provide
from domain.kyc.aadhaar_otp import (
    AadhaarOtpBlocked,
    AadhaarOtpExpired,
    AadhaarOtpInvalid,
    AadhaarOtpNotRequested,
    AadhaarOtpSuperseded,
    KycProviderUnavailable,
)
from domain.kyc.steps import AadhaarInUse, PanInUse, StepAlreadyVerified, StepNotStarted
from domain.shared.errors import PermissionDenied, ValidationFailed
from usecases.kyc.access import KYC_REVIEW, KycSubjectNotFound
from usecases.kyc.get_kyc_resume import GetKycResume, GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatus, GetKycStatusHandler
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtp, RequestAadhaarOtpHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaar, SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPan, SubmitPanHandler
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtp, VerifyAadhaarOtpHandler

router = APIRouter(prefix="/kyc", tags=["kyc"])

UserCode = Annotated[str, Path(max_length=40, description="The user's code, e.g. USR-7K2M9Q.")]


@router.post(
    "/aadhaar",
    summary="Submit my Aadhaar number, name and date of birth",
    responses=errors(ValidationFailed, AadhaarInUse, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def submit_aadhaar(
    body: AadhaarCreate,
    actor: CurrentActor,
    handler: Annotated[SubmitAadhaarHandler, provide(SubmitAadhaarHandler)],
) -> AadhaarRead:
    step = await handler.execute(
        SubmitAadhaar(
            actor=actor,
            aadhaar_number=body.aadhaar_number,
            name=body.name,
            date_of_birth=body.date_of_birth,
        )
    )
    return AadhaarRead.of(step)


@router.post(
    "/aadhaar/otp",
    summary="Have the provider send an OTP to the mobile linked to my submitted Aadhaar",
    responses=errors(
        StepNotStarted, StepAlreadyVerified, AadhaarOtpSuperseded, KycProviderUnavailable
    ),
)
@access(AUTHENTICATED)
async def request_aadhaar_otp(
    actor: CurrentActor,
    handler: Annotated[RequestAadhaarOtpHandler, provide(RequestAadhaarOtpHandler)],
) -> AadhaarOtpRead:
    sent = await handler.execute(RequestAadhaarOtp(actor=actor))
    return AadhaarOtpRead(
        masked_number=sent.step.masked_number, expires_in_seconds=sent.expires_in_seconds
    )


@router.post(
    "/aadhaar/otp/verify",
    summary="Check the Aadhaar OTP; a right one verifies the step if the details match",
    responses=errors(
        ValidationFailed,
        AadhaarOtpInvalid,
        AadhaarOtpExpired,
        AadhaarOtpBlocked,
        AadhaarOtpNotRequested,
        AadhaarOtpSuperseded,
        StepNotStarted,
        StepAlreadyVerified,
        KycProviderUnavailable,
    ),
)
@access(AUTHENTICATED)
async def verify_aadhaar_otp(
    body: AadhaarOtpCheckCreate,
    actor: CurrentActor,
    handler: Annotated[VerifyAadhaarOtpHandler, provide(VerifyAadhaarOtpHandler)],
) -> AadhaarRead:
    step = await handler.execute(VerifyAadhaarOtp(actor=actor, otp=body.otp))
    return AadhaarRead.of(step)


@router.post(
    "/pan",
    summary="Submit my PAN and name; verified with the provider and name-matched",
    responses=errors(ValidationFailed, PanInUse, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def submit_pan(
    body: PanCreate,
    actor: CurrentActor,
    handler: Annotated[SubmitPanHandler, provide(SubmitPanHandler)],
) -> PanRead:
    step = await handler.execute(SubmitPan(actor=actor, pan=body.pan, name=body.name))
    return PanRead.of(step)


@router.get(
    "/status",
    summary="My KYC: the state of each step and my overall level",
    responses=errors(KycSubjectNotFound),
)
@access(AUTHENTICATED)
async def get_my_status(
    actor: CurrentActor,
    handler: Annotated[GetKycStatusHandler, provide(GetKycStatusHandler)],
) -> KycStatusRead:
    return KycStatusRead.of(await handler.execute(GetKycStatus(actor=actor)))


@router.get(
    "/resume",
    summary="Where I resume KYC: the next step and what it needs",
    responses=errors(KycSubjectNotFound),
)
@access(AUTHENTICATED)
async def get_my_resume(
    actor: CurrentActor,
    handler: Annotated[GetKycResumeHandler, provide(GetKycResumeHandler)],
) -> KycResumeRead:
    return KycResumeRead.of(await handler.execute(GetKycResume(actor=actor)))


@router.get(
    "/status/{user_code}",
    summary="A user's KYC steps and level (reviewers: kyc:review; my own: GET /kyc/status)",
    responses=errors(PermissionDenied, KycSubjectNotFound),
)
@access(permission(KYC_REVIEW))
async def get_status(
    user_code: UserCode,
    actor: CurrentActor,
    handler: Annotated[GetKycStatusHandler, provide(GetKycStatusHandler)],
) -> KycStatusRead:
    status = await handler.execute(GetKycStatus(actor=actor, user_code=user_code))
    return KycStatusRead.of(status)


@router.get(
    "/resume/{user_code}",
    summary="Where a user resumes KYC (reviewers: kyc:review; my own: GET /kyc/resume)",
    responses=errors(PermissionDenied, KycSubjectNotFound),
)
@access(permission(KYC_REVIEW))
async def get_resume(
    user_code: UserCode,
    actor: CurrentActor,
    handler: Annotated[GetKycResumeHandler, provide(GetKycResumeHandler)],
) -> KycResumeRead:
    resume = await handler.execute(GetKycResume(actor=actor, user_code=user_code))
    return KycResumeRead.of(resume)
