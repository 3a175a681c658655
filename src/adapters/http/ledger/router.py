"""Balances for everyone; the journal, manual adjustments and reversals for operators."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import JSONResponse

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.idempotency import (
    IDEMPOTENCY_ERRORS,
    Answer,
    IdempotencyHeader,
    respond,
)
from adapters.http.ledger.schemas import (
    AdjustmentCreate,
    BalancePage,
    BalanceRead,
    EntryPage,
    EntryRead,
    ReversalCreate,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access, permission
from adapters.http.registry import provide
from adapters.http.temporal import IsoDateTime
from domain.ledger.accounts import AccountId
from domain.ledger.entries import EntryId, JournalEntry
from domain.ledger.errors import (
    AssetMismatch,
    EntryAlreadyReversed,
    EntryNotFound,
    InsufficientFunds,
    InvalidPosting,
)
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.ledger.access import LEDGER_ADJUST, LEDGER_READ, LedgerUserNotFound
from usecases.ledger.get_my_balances import GetMyBalances, GetMyBalancesHandler
from usecases.ledger.list_journal import ListJournal, ListJournalHandler
from usecases.ledger.ports import JournalFilter
from usecases.ledger.post_adjustment import PostAdjustment, PostAdjustmentHandler
from usecases.ledger.reverse_entry import ReverseEntry, ReverseEntryHandler

router = APIRouter(prefix="/ledger", tags=["ledger"])


def _entry(entry: JournalEntry) -> object:
    return EntryRead.of(entry).model_dump(mode="json")


ENTRY_CREATED: Final = Answer(201, _entry)


@router.get(
    "/balances",
    summary="My balances: posted, held and available per account, by asset and kind",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED, key_scope="account:read")
async def list_balances(
    actor: CurrentActor,
    handler: Annotated[GetMyBalancesHandler, provide(GetMyBalancesHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> BalancePage:
    page = await handler.execute(GetMyBalances(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(BalancePage, BalanceRead.of, page)


@router.get(
    "/journal",
    summary="The journal, newest first (operators: ledger:read)",
    responses=errors(PermissionDenied, ValidationFailed, LedgerUserNotFound),
)
@access(permission(LEDGER_READ))
async def list_journal(
    actor: CurrentActor,
    handler: Annotated[ListJournalHandler, provide(ListJournalHandler)],
    account_id: UUID | None = None,
    user_code: Annotated[str | None, Query(max_length=40)] = None,
    asset: Annotated[str | None, Query(max_length=64)] = None,
    reference: Annotated[str | None, Query(max_length=200)] = None,
    since: IsoDateTime | None = None,
    until: IsoDateTime | None = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> EntryPage:
    where = JournalFilter(
        account_id=None if account_id is None else AccountId(account_id),
        asset=asset,
        reference=reference,
        since=since,
        until=until,
    )
    page = await handler.execute(
        ListJournal(actor=actor, where=where, user_code=user_code, page=PageRequest(limit, cursor))
    )
    return EntryPage.of(page)


@router.post(
    "/adjustments",
    status_code=201,
    response_model=EntryRead,
    summary="Adjust a user's balance against suspense (operators: ledger:adjust)",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(
            PermissionDenied,
            LedgerUserNotFound,
            InvalidPosting,
            AssetMismatch,
            InsufficientFunds,
        ),
    },
)
@access(permission(LEDGER_ADJUST))
async def create_adjustment(
    body: AdjustmentCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[PostAdjustmentHandler, provide(PostAdjustmentHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        PostAdjustment(
            actor=actor,
            user_code=body.user_code,
            asset=body.asset,
            amount=Decimal(body.amount),
            memo=body.memo,
            idempotency=key,
        )
    )
    return respond(outcome, ENTRY_CREATED)


@router.post(
    "/journal/{entry_id}/reversal",
    status_code=201,
    response_model=EntryRead,
    summary="Reverse a journal entry with a new, linked entry (operators: ledger:adjust)",
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(PermissionDenied, EntryNotFound, EntryAlreadyReversed, InsufficientFunds),
    },
)
@access(permission(LEDGER_ADJUST))
async def reverse_entry(
    entry_id: Annotated[UUID, Path()],
    body: ReversalCreate,
    actor: CurrentActor,
    key: IdempotencyHeader,
    handler: Annotated[ReverseEntryHandler, provide(ReverseEntryHandler)],
) -> JSONResponse:
    outcome = await handler.execute(
        ReverseEntry(
            actor=actor,
            entry_id=EntryId(entry_id),
            memo=body.memo,
            idempotency=key,
        )
    )
    return respond(outcome, ENTRY_CREATED)
