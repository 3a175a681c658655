"""The business details step of the signed-in user, and its contact's one-time code."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.business_schemas import BusinessCodeCheckCreate, BusinessCreate, BusinessRead
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.kyc.business import (
    ContactCodeInvalid,
    ContactCodeThrottled,
    ContactCodeUnusable,
    GstinPanMismatch,
)
from domain.kyc.steps import StepAlreadyVerified, StepNotStarted
from domain.shared.errors import ValidationFailed
from usecases.kyc.request_business_code import RequestBusinessCode, RequestBusinessCodeHandler
from usecases.kyc.submit_business import SubmitBusiness, SubmitBusinessHandler
from usecases.kyc.verify_business_contact import (
    VerifyBusinessContact,
    VerifyBusinessContactHandler,
)

router = APIRouter(prefix="/kyc/business", tags=["kyc"])


@router.post(
    "",
    summary="Submit the business I act for; its contact gets a one-time code",
    responses=errors(ValidationFailed, GstinPanMismatch, StepAlreadyVerified, ContactCodeThrottled),
)
@access(AUTHENTICATED)
async def submit_business(
    body: BusinessCreate,
    actor: CurrentActor,
    handler: Annotated[SubmitBusinessHandler, provide(SubmitBusinessHandler)],
) -> BusinessRead:
    step = await handler.execute(
        SubmitBusiness(
            actor=actor,
            legal_name=body.legal_name,
            constitution=body.constitution,
            gstin=body.gstin,
            registered_address=body.registered_address,
            contact_channel=body.contact_channel,
            contact=body.contact,
        )
    )
    return BusinessRead.of(step)


@router.post(
    "/code",
    summary="Send the business contact a new one-time code",
    responses=errors(StepNotStarted, StepAlreadyVerified, ContactCodeThrottled),
)
@access(AUTHENTICATED)
async def request_business_code(
    actor: CurrentActor,
    handler: Annotated[RequestBusinessCodeHandler, provide(RequestBusinessCodeHandler)],
) -> BusinessRead:
    return BusinessRead.of(await handler.execute(RequestBusinessCode(actor=actor)))


@router.post(
    "/verify",
    summary="Verify the business contact with its code; verifies the business step",
    responses=errors(
        ValidationFailed,
        ContactCodeInvalid,
        ContactCodeUnusable,
        StepNotStarted,
        StepAlreadyVerified,
    ),
)
@access(AUTHENTICATED)
async def verify_business_contact(
    body: BusinessCodeCheckCreate,
    actor: CurrentActor,
    handler: Annotated[VerifyBusinessContactHandler, provide(VerifyBusinessContactHandler)],
) -> BusinessRead:
    step = await handler.execute(VerifyBusinessContact(actor=actor, code=body.code))
    return BusinessRead.of(step)
