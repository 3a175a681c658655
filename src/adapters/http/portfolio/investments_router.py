"""My investments and their capital activities. Only the owner sees an investment; to anyone
else it answers 404 like one that does not exist."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Path, Query, Response

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.portfolio.schemas import (
    ActivityCreate,
    ActivityImportRead,
    ActivityPage,
    ActivityRead,
    CsvFileCreate,
    InvestmentCreate,
    InvestmentPage,
    InvestmentRead,
    InvestmentUpdate,
    RowProblemRead,
)
from adapters.http.registry import provide
from domain.portfolio.errors import (
    ActivityBeforeStart,
    ActivityCurrencyMismatch,
    ActivityNotFound,
    InvalidActivity,
    InvestmentNotFound,
)
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.portfolio.activities.delete_activity import DeleteActivity, DeleteActivityHandler
from usecases.portfolio.activities.import_activities import (
    ActivityImportRefused,
    ImportActivities,
    ImportActivitiesHandler,
)
from usecases.portfolio.activities.list_activities import ListActivities, ListActivitiesHandler
from usecases.portfolio.activities.record_activity import RecordActivity, RecordActivityHandler
from usecases.portfolio.investments.create_investment import (
    CreateInvestment,
    CreateInvestmentHandler,
)
from usecases.portfolio.investments.delete_investment import (
    DeleteInvestment,
    DeleteInvestmentHandler,
)
from usecases.portfolio.investments.get_investment import GetInvestment, GetInvestmentHandler
from usecases.portfolio.investments.list_investments import (
    ListInvestments,
    ListInvestmentsHandler,
)
from usecases.portfolio.investments.update_investment import (
    UpdateInvestment,
    UpdateInvestmentHandler,
)

router = APIRouter(prefix="/portfolio", tags=["portfolio"])
InvestmentId = Annotated[UUID, Path(description="One of my investments.")]
ActivityId = Annotated[UUID, Path(description="A capital activity of that investment.")]


@router.post(
    "/investments",
    status_code=201,
    summary="Record an investment I hold",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED)
async def create_investment(
    body: InvestmentCreate,
    actor: CurrentActor,
    handler: Annotated[CreateInvestmentHandler, provide(CreateInvestmentHandler)],
) -> InvestmentRead:
    investment = await handler.execute(CreateInvestment(actor=actor, **body.model_dump()))
    return InvestmentRead.of(investment)


@router.get("/investments", summary="My investments, oldest first")
@access(AUTHENTICATED)
async def list_investments(
    actor: CurrentActor,
    handler: Annotated[ListInvestmentsHandler, provide(ListInvestmentsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> InvestmentPage:
    page = await handler.execute(ListInvestments(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(InvestmentPage, InvestmentRead.of, page)


@router.get(
    "/investments/{investment_id}",
    summary="One of my investments",
    responses=errors(InvestmentNotFound),
)
@access(OWNER)
async def get_investment(
    investment_id: InvestmentId,
    actor: CurrentActor,
    handler: Annotated[GetInvestmentHandler, provide(GetInvestmentHandler)],
) -> InvestmentRead:
    found = await handler.execute(GetInvestment(actor=actor, investment_id=investment_id))
    return InvestmentRead.of(found)


@router.patch(
    "/investments/{investment_id}",
    summary="Correct an investment's description or commitment",
    responses=errors(ValidationFailed, InvestmentNotFound),
)
@access(OWNER)
async def update_investment(
    investment_id: InvestmentId,
    body: InvestmentUpdate,
    actor: CurrentActor,
    handler: Annotated[UpdateInvestmentHandler, provide(UpdateInvestmentHandler)],
) -> InvestmentRead:
    changed = await handler.execute(
        UpdateInvestment(actor=actor, investment_id=investment_id, **body.model_dump())
    )
    return InvestmentRead.of(changed)


@router.delete(
    "/investments/{investment_id}",
    status_code=204,
    summary="Remove an investment and its activities",
    responses=errors(InvestmentNotFound),
)
@access(OWNER)
async def delete_investment(
    investment_id: InvestmentId,
    actor: CurrentActor,
    handler: Annotated[DeleteInvestmentHandler, provide(DeleteInvestmentHandler)],
) -> Response:
    await handler.execute(DeleteInvestment(actor=actor, investment_id=investment_id))
    return Response(status_code=204)


@router.post(
    "/investments/{investment_id}/activities",
    status_code=201,
    summary="Record a capital call, fee, distribution or valuation",
    responses=errors(
        ValidationFailed,
        InvestmentNotFound,
        ActivityBeforeStart,
        ActivityCurrencyMismatch,
        InvalidActivity,
    ),
)
@access(OWNER)
async def record_activity(
    investment_id: InvestmentId,
    body: ActivityCreate,
    actor: CurrentActor,
    handler: Annotated[RecordActivityHandler, provide(RecordActivityHandler)],
) -> ActivityRead:
    activity = await handler.execute(
        RecordActivity(actor=actor, investment_id=investment_id, **body.model_dump())
    )
    return ActivityRead.of(activity)


@router.get(
    "/investments/{investment_id}/activities",
    summary="An investment's capital activities, by date",
    responses=errors(InvestmentNotFound),
)
@access(OWNER)
async def list_activities(
    investment_id: InvestmentId,
    actor: CurrentActor,
    handler: Annotated[ListActivitiesHandler, provide(ListActivitiesHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ActivityPage:
    page = await handler.execute(
        ListActivities(actor=actor, investment_id=investment_id, page=PageRequest(limit, cursor))
    )
    return page_of(ActivityPage, ActivityRead.of, page)


@router.delete(
    "/investments/{investment_id}/activities/{activity_id}",
    status_code=204,
    summary="Remove an activity recorded by mistake",
    responses=errors(InvestmentNotFound, ActivityNotFound),
)
@access(OWNER)
async def delete_activity(
    investment_id: InvestmentId,
    activity_id: ActivityId,
    actor: CurrentActor,
    handler: Annotated[DeleteActivityHandler, provide(DeleteActivityHandler)],
) -> Response:
    await handler.execute(
        DeleteActivity(actor=actor, investment_id=investment_id, activity_id=activity_id)
    )
    return Response(status_code=204)


@router.post(
    "/investments/{investment_id}/activity-imports",
    summary="Import activities from CSV: a dry run reports every bad row, a commit is all or "
    "nothing",
    responses=errors(ValidationFailed, InvestmentNotFound, ActivityImportRefused),
)
@access(OWNER)
async def import_activities(
    investment_id: InvestmentId,
    body: Annotated[CsvFileCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    handler: Annotated[ImportActivitiesHandler, provide(ImportActivitiesHandler)],
    dry_run: Annotated[
        bool,
        Query(
            description="true: check every row and write nothing; false: write all rows "
            "or, if any is refused (422 with each row and column), none."
        ),
    ] = True,
) -> ActivityImportRead:
    """Columns: ``occurred_on`` (YYYY-MM-DD), ``kind``, ``amount``, ``currency`` and optionally
    ``note``, in any order after a header row. Rows are numbered as a spreadsheet shows them
    (the header is row 1). A refused commit names each problem as
    ``rows.<row>.<column>`` in ``errors[].field``."""
    report = await handler.execute(
        ImportActivities(actor=actor, investment_id=investment_id, file=body.file, dry_run=dry_run)
    )
    return ActivityImportRead(
        dry_run=report.dry_run,
        rows=report.rows,
        imported=report.imported,
        by_kind=report.by_kind,
        problems=[RowProblemRead.of(p) for p in report.problems],
    )
