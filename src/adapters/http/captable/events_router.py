"""The events that change a cap table: issuances, cancellations, repurchases, conversions,
splits and authorized-shares adjustments. Every one takes an ``Idempotency-Key`` and answers
with the event and the certificates it created."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.captable.schemas import (
    AuthorizedSharesAdjustmentCreate,
    CancellationCreate,
    CapTableEventRead,
    ConversionCreate,
    IssuanceCreate,
    RepurchaseCreate,
    SplitCreate,
)
from adapters.http.errors import errors
from adapters.http.idempotency import IDEMPOTENCY_ERRORS, Answer, IdempotencyHeader, respond
from adapters.http.policy import access, owner_or
from adapters.http.registry import provide
from domain.captable.errors import (
    AuthorizedBelowOutstanding,
    EventDateBeforeLatest,
    ExceedsAuthorizedShares,
    IssuerNotFound,
    LockedByTransfer,
    QuantityExceedsSecurity,
    SecurityNotOutstanding,
    UnknownReference,
)
from domain.captable.events import CapTableEvent
from domain.shared.errors import Conflict, PermissionDenied, ValidationFailed
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.events.adjust_authorized_shares import (
    AdjustAuthorizedShares,
    AdjustAuthorizedSharesHandler,
)
from usecases.captable.events.cancel_shares import CancelShares, CancelSharesHandler
from usecases.captable.events.convert_shares import ConvertShares, ConvertSharesHandler
from usecases.captable.events.issue_shares import IssueShares, IssueSharesHandler
from usecases.captable.events.repurchase_shares import RepurchaseShares, RepurchaseSharesHandler
from usecases.captable.events.split_shares import SplitShares, SplitSharesHandler

router = APIRouter(prefix="/captable/issuers/{issuer_id}", tags=["captable"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
ISSUER_SCOPED = owner_or(CAPTABLE_MANAGE)
# Every event: refused input, someone else's issuer, a reader who may not issue, a concurrent
# writer past the issuer's lock, an event dated before the latest, and the idempotency answers.
COMMON: Final = (
    ValidationFailed,
    UnknownReference,
    IssuerNotFound,
    PermissionDenied,
    EventDateBeforeLatest,
    Conflict,
)
CONSUMING: Final = (*COMMON, SecurityNotOutstanding, QuantityExceedsSecurity, LockedByTransfer)


def _event(event: CapTableEvent) -> object:
    return CapTableEventRead.of_event(event).model_dump(mode="json")


RECORDED: Final = Answer(201, _event)


@router.post(
    "/issuances",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Issue shares of a class to a stakeholder: a new numbered certificate",
    responses={**IDEMPOTENCY_ERRORS, **errors(*COMMON, ExceedsAuthorizedShares)},
)
@access(ISSUER_SCOPED)
async def create_issuance(
    issuer_id: IssuerId,
    body: IssuanceCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[IssueSharesHandler, provide(IssueSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        IssueShares(
            actor=actor,
            issuer_id=issuer_id,
            idempotency=key,
            stock_legend_ids=tuple(body.stock_legend_ids),
            **body.model_dump(exclude={"stock_legend_ids"}),
        )
    )
    return respond(outcome, RECORDED)


@router.post(
    "/cancellations",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Cancel shares of a certificate (the rest gets a balance certificate)",
    responses={**IDEMPOTENCY_ERRORS, **errors(*CONSUMING)},
)
@access(ISSUER_SCOPED)
async def create_cancellation(
    issuer_id: IssuerId,
    body: CancellationCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[CancelSharesHandler, provide(CancelSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        CancelShares(actor=actor, issuer_id=issuer_id, idempotency=key, **body.model_dump())
    )
    return respond(outcome, RECORDED)


@router.post(
    "/repurchases",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Buy back shares of a certificate at a price per share",
    responses={**IDEMPOTENCY_ERRORS, **errors(*CONSUMING)},
)
@access(ISSUER_SCOPED)
async def create_repurchase(
    issuer_id: IssuerId,
    body: RepurchaseCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[RepurchaseSharesHandler, provide(RepurchaseSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        RepurchaseShares(actor=actor, issuer_id=issuer_id, idempotency=key, **body.model_dump())
    )
    return respond(outcome, RECORDED)


@router.post(
    "/conversions",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Convert shares of a certificate into another class at its conversion ratio",
    responses={**IDEMPOTENCY_ERRORS, **errors(*CONSUMING, ExceedsAuthorizedShares)},
)
@access(ISSUER_SCOPED)
async def create_conversion(
    issuer_id: IssuerId,
    body: ConversionCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[ConvertSharesHandler, provide(ConvertSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        ConvertShares(actor=actor, issuer_id=issuer_id, idempotency=key, **body.model_dump())
    )
    return respond(outcome, RECORDED)


@router.post(
    "/splits",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Split a class: every outstanding certificate reissued at the ratio",
    responses={**IDEMPOTENCY_ERRORS, **errors(*COMMON, ExceedsAuthorizedShares, LockedByTransfer)},
)
@access(ISSUER_SCOPED)
async def create_split(
    issuer_id: IssuerId,
    body: SplitCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[SplitSharesHandler, provide(SplitSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        SplitShares(actor=actor, issuer_id=issuer_id, idempotency=key, **body.model_dump())
    )
    return respond(outcome, RECORDED)


@router.post(
    "/share-classes/{stock_class_id}/authorized-shares-adjustments",
    status_code=201,
    response_model=CapTableEventRead,
    summary="Change a class's authorized shares (board and stockholder approval dates)",
    responses={**IDEMPOTENCY_ERRORS, **errors(*COMMON, AuthorizedBelowOutstanding)},
)
@access(ISSUER_SCOPED)
async def create_authorized_shares_adjustment(
    issuer_id: IssuerId,
    stock_class_id: Annotated[UUID, Path(description="The share class.")],
    body: AuthorizedSharesAdjustmentCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[AdjustAuthorizedSharesHandler, provide(AdjustAuthorizedSharesHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        AdjustAuthorizedShares(
            actor=actor,
            issuer_id=issuer_id,
            stock_class_id=stock_class_id,
            idempotency=key,
            **body.model_dump(),
        )
    )
    return respond(outcome, RECORDED)
