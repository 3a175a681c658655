"""Operators (``banking:operate``): bank rail instructions (list, read, retry a dead one,
reconcile a submitted one with the rail) and failing a deposit or withdrawal stuck in pending
(``Idempotency-Key`` honoured)."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.banking.operations_schemas import (
    RailInstructionPage,
    RailInstructionRead,
    RailReconciliationRead,
    TransferFailureCreate,
)
from adapters.http.banking.schemas import DepositRead, WithdrawalRead
from adapters.http.errors import errors
from adapters.http.idempotency import (
    IDEMPOTENCY_ERRORS,
    Answer,
    IdempotencyHeader,
    respond,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import access, permission
from adapters.http.registry import provide
from domain.banking.rail import (
    BankRailDown,
    InstructionKind,
    InstructionState,
    RailInstructionInFlight,
    RailInstructionNotDead,
    RailInstructionNotFound,
    RailInstructionNotSubmitted,
    RailInstructionSubmitted,
)
from domain.banking.transfers import Deposit, Transfer, TransferAlreadySettled, Withdrawal
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.banking.access import BANKING_OPERATE
from usecases.banking.fail_transfer import FailTransfer, FailTransferHandler
from usecases.banking.get_deposit import DepositNotFound
from usecases.banking.get_rail_instruction import GetRailInstruction, GetRailInstructionHandler
from usecases.banking.get_withdrawal import WithdrawalNotFound
from usecases.banking.list_rail_instructions import (
    ListRailInstructions,
    ListRailInstructionsHandler,
)
from usecases.banking.ports import InstructionFilter
from usecases.banking.reconcile_rail_instruction import (
    ReconcileRailInstruction,
    ReconcileRailInstructionHandler,
)
from usecases.banking.retry_rail_instruction import (
    RetryRailInstruction,
    RetryRailInstructionHandler,
)

router = APIRouter(prefix="/banking", tags=["banking"])
OPERATOR = permission(BANKING_OPERATE)
FAIL_ERRORS = {
    **IDEMPOTENCY_ERRORS,
    **errors(
        PermissionDenied,
        ValidationFailed,
        TransferAlreadySettled,
        RailInstructionSubmitted,
        RailInstructionInFlight,
    ),
}


def _transfer(transfer: Transfer) -> object:
    if isinstance(transfer, Withdrawal):
        return WithdrawalRead.of(transfer).model_dump(mode="json")
    assert isinstance(transfer, Deposit)  # a transfer is one or the other
    return DepositRead.of(transfer).model_dump(mode="json")


TRANSFER_FAILED: Final = Answer(200, _transfer)


@router.get(
    "/rail-instructions",
    summary="Bank rail instructions, newest first (operators: banking:operate)",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(OPERATOR)
async def list_rail_instructions(
    actor: CurrentActor,
    handler: Annotated[ListRailInstructionsHandler, provide(ListRailInstructionsHandler)],
    state: InstructionState | None = None,
    kind: InstructionKind | None = None,
    reference: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> RailInstructionPage:
    where = InstructionFilter(state=state, kind=kind, reference=reference)
    page = await handler.execute(
        ListRailInstructions(actor=actor, where=where, page=PageRequest(limit, cursor))
    )
    return RailInstructionPage.of(page)


@router.get(
    "/rail-instructions/{instruction_id}",
    summary="One bank rail instruction (operators: banking:operate)",
    responses=errors(PermissionDenied, RailInstructionNotFound),
)
@access(OPERATOR)
async def get_rail_instruction(
    instruction_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[GetRailInstructionHandler, provide(GetRailInstructionHandler)],
) -> RailInstructionRead:
    found = await handler.execute(GetRailInstruction(actor=actor, instruction_id=instruction_id))
    return RailInstructionRead.of(found)


@router.post(
    "/rail-instructions/{instruction_id}/retry",
    summary="Send a dead instruction again: pending, due now (operators: banking:operate)",
    responses=errors(
        PermissionDenied, RailInstructionNotFound, RailInstructionNotDead, TransferAlreadySettled
    ),
)
@access(OPERATOR)
async def retry_rail_instruction(
    instruction_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[RetryRailInstructionHandler, provide(RetryRailInstructionHandler)],
) -> RailInstructionRead:
    retried = await handler.execute(
        RetryRailInstruction(actor=actor, instruction_id=instruction_id)
    )
    return RailInstructionRead.of(retried)


@router.post(
    "/rail-instructions/{instruction_id}/reconcile",
    summary="Ask the rail now where a submitted instruction stands and settle its transfer "
    "from the answer, as its webhook would (operators: banking:operate)",
    responses=errors(
        PermissionDenied,
        RailInstructionNotFound,
        RailInstructionNotSubmitted,
        TransferAlreadySettled,
        BankRailDown,
    ),
)
@access(OPERATOR)
async def reconcile_rail_instruction(
    instruction_id: Annotated[UUID, Path()],
    actor: CurrentActor,
    handler: Annotated[ReconcileRailInstructionHandler, provide(ReconcileRailInstructionHandler)],
) -> RailReconciliationRead:
    reconciled = await handler.execute(
        ReconcileRailInstruction(actor=actor, instruction_id=instruction_id)
    )
    return RailReconciliationRead.of(reconciled)


@router.post(
    "/deposits/{deposit_id}/fail",
    response_model=DepositRead,
    summary="Fail a deposit stuck in pending; its instruction is cancelled "
    "(operators: banking:operate)",
    responses={**FAIL_ERRORS, **errors(DepositNotFound)},
)
@access(OPERATOR)
async def fail_deposit(
    deposit_id: Annotated[UUID, Path()],
    body: TransferFailureCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[FailTransferHandler, provide(FailTransferHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        FailTransfer(
            actor=actor,
            kind="deposit",
            transfer_id=deposit_id,
            reason=body.reason,
            idempotency=key,
        )
    )
    return respond(outcome, TRANSFER_FAILED)


@router.post(
    "/withdrawals/{withdrawal_id}/fail",
    response_model=WithdrawalRead,
    summary="Fail a withdrawal stuck in pending: the hold is released, its instruction "
    "cancelled (operators: banking:operate)",
    responses={**FAIL_ERRORS, **errors(WithdrawalNotFound)},
)
@access(OPERATOR)
async def fail_withdrawal(
    withdrawal_id: Annotated[UUID, Path()],
    body: TransferFailureCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[FailTransferHandler, provide(FailTransferHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        FailTransfer(
            actor=actor,
            kind="withdrawal",
            transfer_id=withdrawal_id,
            reason=body.reason,
            idempotency=key,
        )
    )
    return respond(outcome, TRANSFER_FAILED)
