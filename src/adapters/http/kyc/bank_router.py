"""The bank account step of the signed-in user (IFSC lookup, penny drop, name match)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.bank_schemas import BankAccountCreate, BankAccountRead
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.kyc.aadhaar_otp import KycProviderUnavailable
from domain.kyc.bank import BankAccountInUse, IfscNotFound, PanRequired
from domain.kyc.steps import StepAlreadyVerified
from domain.shared.errors import ValidationFailed
from usecases.kyc.submit_bank_account import SubmitBankAccount, SubmitBankAccountHandler

router = APIRouter(prefix="/kyc", tags=["kyc"])


@router.post(
    "/bank",
    summary="Submit my bank account; proved by a penny drop and a holder-name match",
    responses=errors(
        ValidationFailed,
        IfscNotFound,
        PanRequired,
        BankAccountInUse,
        StepAlreadyVerified,
        KycProviderUnavailable,
    ),
)
@access(AUTHENTICATED)
async def submit_bank_account(
    body: BankAccountCreate,
    actor: CurrentActor,
    handler: Annotated[SubmitBankAccountHandler, provide(SubmitBankAccountHandler)],
) -> BankAccountRead:
    step = await handler.execute(
        SubmitBankAccount(actor=actor, account_number=body.account_number, ifsc=body.ifsc)
    )
    return BankAccountRead.of(step)
