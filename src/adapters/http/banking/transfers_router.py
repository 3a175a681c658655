"""My deposits and withdrawals: start them (``Idempotency-Key`` honoured), list, read."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.banking.schemas import (
    DepositCreate,
    DepositPage,
    DepositRead,
    WithdrawalCreate,
    WithdrawalPage,
    WithdrawalRead,
)
from adapters.http.errors import errors
from adapters.http.idempotency import (
    IDEMPOTENCY_ERRORS,
    Answer,
    IdempotencyHeader,
    respond,
)
from adapters.http.paging import Cursor, Limit
from adapters.http.policy import AUTHENTICATED, access
from adapters.http.registry import provide
from domain.banking.bank_accounts import BankAccountNotFound, BankAccountNotVerified
from domain.banking.transfers import Deposit, Withdrawal
from domain.banking.velocity import WithdrawalBlockedRisk
from domain.banking.withdrawal_limits import (
    DailyWithdrawalLimitExceeded,
    WithdrawalLimitExceeded,
)
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.banking.get_deposit import DepositNotFound, GetDeposit, GetDepositHandler
from usecases.banking.get_withdrawal import (
    GetWithdrawal,
    GetWithdrawalHandler,
    WithdrawalNotFound,
)
from usecases.banking.list_deposits import ListDeposits, ListDepositsHandler
from usecases.banking.list_withdrawals import ListWithdrawals, ListWithdrawalsHandler
from usecases.banking.request_deposit import RequestDeposit, RequestDepositHandler
from usecases.banking.request_withdrawal import RequestWithdrawal, RequestWithdrawalHandler
from usecases.identity.public.second_factor import (
    StepUpFailed,
    StepUpRequired,
    TwoFactorNotEnabled,
    TwoFactorRequired,
)
from usecases.kyc.public.kyc_gate import KycLevelRequired
from usecases.ledger.public import InsufficientFunds

router = APIRouter(prefix="/banking", tags=["banking"])


def _deposit(deposit: Deposit) -> object:
    return DepositRead.of(deposit).model_dump(mode="json")


def _withdrawal(withdrawal: Withdrawal) -> object:
    return WithdrawalRead.of(withdrawal).model_dump(mode="json")


DEPOSIT_CREATED: Final = Answer(201, _deposit)
WITHDRAWAL_CREATED: Final = Answer(201, _withdrawal)


@router.post(
    "/deposits",
    status_code=201,
    response_model=DepositRead,
    summary="Start a deposit: pending until the bank rail settles it",
    responses={**IDEMPOTENCY_ERRORS, **errors(ValidationFailed, KycLevelRequired)},
)
@access(AUTHENTICATED)
async def create_deposit(
    body: DepositCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[RequestDepositHandler, provide(RequestDepositHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        RequestDeposit(
            actor=actor,
            amount=body.amount,
            currency=body.currency,
            method=body.method,
            idempotency=key,
        )
    )
    return respond(outcome, DEPOSIT_CREATED)


@router.get("/deposits", summary="My deposits, newest first")
@access(AUTHENTICATED)
async def list_deposits(
    actor: CurrentActor,
    handler: Annotated[ListDepositsHandler, provide(ListDepositsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> DepositPage:
    page = await handler.execute(ListDeposits(actor=actor, page=PageRequest(limit, cursor)))
    return DepositPage.of(page)


@router.get(
    "/deposits/{deposit_id}", summary="One of my deposits", responses=errors(DepositNotFound)
)
@access(AUTHENTICATED)
async def get_deposit(
    deposit_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[GetDepositHandler, provide(GetDepositHandler)],
) -> DepositRead:
    return DepositRead.of(await handler.execute(GetDeposit(actor=actor, deposit_id=deposit_id)))


@router.post(
    "/withdrawals",
    status_code=201,
    response_model=WithdrawalRead,
    summary="Withdraw to a verified linked account: the amount is held until the rail settles",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(
            ValidationFailed,
            KycLevelRequired,
            BankAccountNotFound,
            BankAccountNotVerified,
            WithdrawalLimitExceeded,
            DailyWithdrawalLimitExceeded,
            InsufficientFunds,
            StepUpRequired,
            StepUpFailed,
            TwoFactorNotEnabled,
            TwoFactorRequired,
            WithdrawalBlockedRisk,
        ),
    },
)
@access(AUTHENTICATED)
async def create_withdrawal(
    body: WithdrawalCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[RequestWithdrawalHandler, provide(RequestWithdrawalHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        RequestWithdrawal(
            actor=actor,
            amount=body.amount,
            currency=body.currency,
            bank_account_id=body.bank_account_id,
            second_factor_code=body.second_factor_code,
            idempotency=key,
        )
    )
    return respond(outcome, WITHDRAWAL_CREATED)


@router.get("/withdrawals", summary="My withdrawals, newest first")
@access(AUTHENTICATED)
async def list_withdrawals(
    actor: CurrentActor,
    handler: Annotated[ListWithdrawalsHandler, provide(ListWithdrawalsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> WithdrawalPage:
    page = await handler.execute(ListWithdrawals(actor=actor, page=PageRequest(limit, cursor)))
    return WithdrawalPage.of(page)


@router.get(
    "/withdrawals/{withdrawal_id}",
    summary="One of my withdrawals",
    responses=errors(WithdrawalNotFound),
)
@access(AUTHENTICATED)
async def get_withdrawal(
    withdrawal_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[GetWithdrawalHandler, provide(GetWithdrawalHandler)],
) -> WithdrawalRead:
    found = await handler.execute(GetWithdrawal(actor=actor, withdrawal_id=withdrawal_id))
    return WithdrawalRead.of(found)
