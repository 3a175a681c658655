"""Share transfers: the seller drafts, submits and withdraws; the issuer's admins decide the
right of first refusal, approve, reject and complete (``Idempotency-Key`` on creation and
completion); the parties and the issuer's readers list and read them and download the
agreement of a completed one."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse, Response

from adapters.http.auth import CurrentActor
from adapters.http.captable.transfer_schemas import (
    RofrExerciseCreate,
    ShareTransferCreate,
    ShareTransferPage,
    ShareTransferRead,
    TransferRejectionCreate,
)
from adapters.http.errors import errors
from adapters.http.idempotency import IDEMPOTENCY_ERRORS, Answer, IdempotencyHeader, respond
from adapters.http.paging import Cursor, Limit
from adapters.http.policy import AUTHENTICATED, access, owner_or
from adapters.http.registry import provide
from domain.captable.errors import (
    EventDateBeforeLatest,
    IssuerNotFound,
    QuantityExceedsSecurity,
    SecurityNotOutstanding,
    UnknownReference,
)
from domain.captable.share_transfer import (
    NotTheHolder,
    QuantityLocked,
    RofrWindowClosed,
    RofrWindowOpen,
    ShareTransfer,
    TransferNotFound,
    TransferStateInvalid,
    TransferStatus,
)
from domain.shared.errors import Conflict, PermissionDenied, Unavailable, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.transfers.approve_transfer import ApproveTransfer, ApproveTransferHandler
from usecases.captable.transfers.complete_transfer import (
    CompleteTransfer,
    CompleteTransferHandler,
)
from usecases.captable.transfers.download_transfer_agreement import (
    DownloadTransferAgreement,
    DownloadTransferAgreementHandler,
)
from usecases.captable.transfers.draft_transfer import DraftTransfer, DraftTransferHandler
from usecases.captable.transfers.exercise_rofr import ExerciseRofr, ExerciseRofrHandler
from usecases.captable.transfers.get_transfer import GetTransfer, GetTransferHandler
from usecases.captable.transfers.list_my_transfers import (
    ListMyTransfers,
    ListMyTransfersHandler,
)
from usecases.captable.transfers.list_transfers import ListTransfers, ListTransfersHandler
from usecases.captable.transfers.reject_transfer import RejectTransfer, RejectTransferHandler
from usecases.captable.transfers.submit_transfer import SubmitTransfer, SubmitTransferHandler
from usecases.captable.transfers.waive_rofr import WaiveRofr, WaiveRofrHandler
from usecases.captable.transfers.withdraw_transfer import (
    WithdrawTransfer,
    WithdrawTransferHandler,
)
from usecases.ledger.public import InsufficientFunds

router = APIRouter(prefix="/captable", tags=["captable"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
TransferId = Annotated[UUID, Path(description="The share transfer.")]
StatusFilter = Annotated[TransferStatus | None, Query(description="Only in this status.")]
ISSUER_SCOPED = owner_or(CAPTABLE_MANAGE)
PDF: Final = {"type": "string", "format": "binary"}
BASE: Final = "/issuers/{issuer_id}/transfers"
ONE: Final = BASE + "/{transfer_id}"
SEEN = (IssuerNotFound, TransferNotFound)  # answers of a transfer the caller cannot see
DECIDING = (*SEEN, PermissionDenied, TransferStateInvalid, Conflict)


def _transfer(transfer: ShareTransfer) -> object:
    return ShareTransferRead.of(transfer).model_dump(mode="json")


TRANSFER_CREATED: Final = Answer(201, _transfer)
TRANSFER_COMPLETED: Final = Answer(200, _transfer)


@router.post(
    BASE,
    status_code=201,
    response_model=ShareTransferRead,
    summary="Draft a transfer of shares of one of my certificates (the seller)",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(
            ValidationFailed,
            UnknownReference,
            QuantityExceedsSecurity,
            SecurityNotOutstanding,
            NotTheHolder,
            IssuerNotFound,
        ),
    },
)
@access(ISSUER_SCOPED)
async def create_transfer(
    issuer_id: IssuerId,
    body: ShareTransferCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[DraftTransferHandler, provide(DraftTransferHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        DraftTransfer(
            actor=actor,
            issuer_id=issuer_id,
            security_id=body.security_id,
            buyer_id=body.buyer_id,
            quantity=body.quantity,
            price_per_share=body.price_per_share,
            idempotency=key,
        )
    )
    return respond(outcome, TRANSFER_CREATED)


@router.get(
    BASE,
    summary="An issuer's transfers, newest first (a stakeholder sees those they are party to)",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_transfers(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListTransfersHandler, provide(ListTransfersHandler)],
    status: StatusFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ShareTransferPage:
    page = await handler.execute(
        ListTransfers(
            actor=actor, issuer_id=issuer_id, status=status, page=PageRequest(limit, cursor)
        )
    )
    return ShareTransferPage.of(page)


@router.get("/me/transfers", summary="The transfers I sell or buy in, newest first")
@access(AUTHENTICATED)
async def list_my_transfers(
    actor: CurrentActor,
    handler: Annotated[ListMyTransfersHandler, provide(ListMyTransfersHandler)],
    status: StatusFilter = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ShareTransferPage:
    page = await handler.execute(
        ListMyTransfers(actor=actor, status=status, page=PageRequest(limit, cursor))
    )
    return ShareTransferPage.of(page)


@router.get(ONE, summary="One transfer", responses=errors(*SEEN))
@access(ISSUER_SCOPED)
async def get_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[GetTransferHandler, provide(GetTransferHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        GetTransfer(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/submit",
    summary="Submit the notice (the seller): the shares lock and the ROFR window opens",
    responses=errors(*DECIDING, NotTheHolder, QuantityLocked, SecurityNotOutstanding),
)
@access(ISSUER_SCOPED)
async def submit_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[SubmitTransferHandler, provide(SubmitTransferHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        SubmitTransfer(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/rofr/waive",
    summary="Waive the issuer's right of first refusal (a company admin)",
    responses=errors(*DECIDING, RofrWindowClosed),
)
@access(ISSUER_SCOPED)
async def waive_rofr(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[WaiveRofrHandler, provide(WaiveRofrHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        WaiveRofr(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/rofr/exercise",
    summary="Exercise the issuer's right of first refusal, naming who buys (a company admin)",
    responses=errors(*DECIDING, RofrWindowClosed, UnknownReference, ValidationFailed),
)
@access(ISSUER_SCOPED)
async def exercise_rofr(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    body: RofrExerciseCreate,
    actor: CurrentActor,
    handler: Annotated[ExerciseRofrHandler, provide(ExerciseRofrHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        ExerciseRofr(
            actor=actor,
            issuer_id=issuer_id,
            transfer_id=transfer_id,
            purchaser_id=body.purchaser_id,
        )
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/approve",
    summary="Approve a transfer whose right of first refusal is settled (a company admin)",
    responses=errors(*DECIDING, RofrWindowOpen),
)
@access(ISSUER_SCOPED)
async def approve_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[ApproveTransferHandler, provide(ApproveTransferHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        ApproveTransfer(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/reject",
    summary="Reject a transfer in progress, with a reason (a company admin)",
    responses=errors(*DECIDING, ValidationFailed),
)
@access(ISSUER_SCOPED)
async def reject_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    body: TransferRejectionCreate,
    actor: CurrentActor,
    handler: Annotated[RejectTransferHandler, provide(RejectTransferHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        RejectTransfer(
            actor=actor, issuer_id=issuer_id, transfer_id=transfer_id, reason=body.reason
        )
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/withdraw",
    summary="Withdraw a draft or pending transfer (the seller)",
    responses=errors(*DECIDING, NotTheHolder),
)
@access(ISSUER_SCOPED)
async def withdraw_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[WithdrawTransferHandler, provide(WithdrawTransferHandler)],
) -> ShareTransferRead:
    transfer = await handler.execute(
        WithdrawTransfer(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return ShareTransferRead.of(transfer)


@router.post(
    ONE + "/complete",
    response_model=ShareTransferRead,
    summary="Complete an approved transfer: certificates, price and fee move in one transaction",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(
            *DECIDING,
            InsufficientFunds,
            SecurityNotOutstanding,
            EventDateBeforeLatest,
            ValidationFailed,
        ),
    },
)
@access(ISSUER_SCOPED)
async def complete_transfer(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[CompleteTransferHandler, provide(CompleteTransferHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        CompleteTransfer(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id, idempotency=key)
    )
    return respond(outcome, TRANSFER_COMPLETED)


@router.get(
    ONE + "/agreement",
    summary="The transfer agreement of a completed transfer, as PDF",
    response_class=Response,
    responses={
        200: {"description": "The agreement.", "content": {"application/pdf": {"schema": PDF}}},
        **errors(*SEEN, TransferStateInvalid, Unavailable),
    },
)
@access(AUTHENTICATED)  # a party's, or one of an issuer I read; else 404 (use case), as a PDF
# of a certificate: until the renderer is wired, 503 and nothing is stored
async def get_transfer_agreement(
    issuer_id: IssuerId,
    transfer_id: TransferId,
    actor: CurrentActor,
    handler: Annotated[DownloadTransferAgreementHandler, provide(DownloadTransferAgreementHandler)],
) -> Response:
    pdf = await handler.execute(
        DownloadTransferAgreement(actor=actor, issuer_id=issuer_id, transfer_id=transfer_id)
    )
    return Response(
        pdf.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{pdf.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
