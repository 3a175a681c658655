"""KYC steps of the signed-in user, and anyone's status for reviewers."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.schemas import (
    AadhaarRead,
    AadhaarSubmit,
    KycResumeRead,
    KycStatusRead,
    PanRead,
    PanSubmit,
)
from adapters.http.policy import AUTHENTICATED, access, owner_or
from adapters.http.registry import provide
from domain.kyc.steps import AadhaarInUse, PanInUse, StepAlreadyVerified
from domain.shared.errors import ValidationFailed
from usecases.kyc.access import KYC_REVIEW, KycSubjectNotFound
from usecases.kyc.get_kyc_resume import GetKycResume, GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatus, GetKycStatusHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaar, SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPan, SubmitPanHandler

router = APIRouter(prefix="/kyc", tags=["kyc"])

UserCode = Annotated[str, Path(max_length=40, description="The user's code, e.g. USR-7K2M9Q.")]


@router.post(
    "/aadhaar",
    summary="Submit my Aadhaar number, name and date of birth",
    responses=errors(ValidationFailed, AadhaarInUse, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def submit_aadhaar(
    body: AadhaarSubmit,
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
    "/pan",
    summary="Submit my PAN and name; verified with the provider and name-matched",
    responses=errors(ValidationFailed, PanInUse, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def submit_pan(
    body: PanSubmit,
    actor: CurrentActor,
    handler: Annotated[SubmitPanHandler, provide(SubmitPanHandler)],
) -> PanRead:
    step = await handler.execute(SubmitPan(actor=actor, pan=body.pan, name=body.name))
    return PanRead.of(step)


@router.get(
    "/status/{user_code}",
    summary="The state of each KYC step and the overall level",
    responses=errors(KycSubjectNotFound),
)
@access(owner_or(KYC_REVIEW))
async def get_status(
    user_code: UserCode,
    actor: CurrentActor,
    handler: Annotated[GetKycStatusHandler, provide(GetKycStatusHandler)],
) -> KycStatusRead:
    status = await handler.execute(GetKycStatus(actor=actor, user_code=user_code))
    return KycStatusRead.of(user_code, status)


@router.get(
    "/resume/{user_code}",
    summary="Where to resume: the next KYC step and what it needs",
    responses=errors(KycSubjectNotFound),
)
@access(owner_or(KYC_REVIEW))
async def get_resume(
    user_code: UserCode,
    actor: CurrentActor,
    handler: Annotated[GetKycResumeHandler, provide(GetKycResumeHandler)],
) -> KycResumeRead:
    resume = await handler.execute(GetKycResume(actor=actor, user_code=user_code))
    return KycResumeRead.of(user_code, resume)
