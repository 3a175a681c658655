"""An issuer's stock legend templates and stock plans: a company admin adds them, its readers
list them. Issuances name legends (``stock_legend_ids``) to print them on their certificates;
a plan's reserved shares count in the fully diluted view."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from adapters.http.auth import CurrentActor
from adapters.http.captable.catalog_schemas import (
    StockLegendCreate,
    StockLegendPage,
    StockLegendRead,
    StockPlanCreate,
    StockPlanPage,
    StockPlanRead,
)
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import access, owner_or
from adapters.http.registry import provide
from domain.captable.errors import IssuerNotFound, UnknownReference
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.issuers.create_stock_legend import (
    CreateStockLegend,
    CreateStockLegendHandler,
)
from usecases.captable.issuers.create_stock_plan import CreateStockPlan, CreateStockPlanHandler
from usecases.captable.issuers.list_stock_legends import ListStockLegends, ListStockLegendsHandler
from usecases.captable.issuers.list_stock_plans import ListStockPlans, ListStockPlansHandler

router = APIRouter(prefix="/captable/issuers/{issuer_id}", tags=["captable"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
ISSUER_SCOPED = owner_or(CAPTABLE_MANAGE)


@router.post(
    "/stock-legends",
    status_code=201,
    summary="Add a stock legend template, which issuances name to print it on certificates",
    responses=errors(ValidationFailed, IssuerNotFound, PermissionDenied),
)
@access(ISSUER_SCOPED)
async def create_stock_legend(
    issuer_id: IssuerId,
    body: StockLegendCreate,
    actor: CurrentActor,
    handler: Annotated[CreateStockLegendHandler, provide(CreateStockLegendHandler)],
) -> StockLegendRead:
    legend = await handler.execute(
        CreateStockLegend(
            actor=actor,
            issuer_id=issuer_id,
            name=body.name,
            text=body.text,
            comments=tuple(body.comments),
        )
    )
    return StockLegendRead.of(legend)


@router.get(
    "/stock-legends",
    summary="An issuer's stock legend templates, oldest first",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_stock_legends(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListStockLegendsHandler, provide(ListStockLegendsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> StockLegendPage:
    page = await handler.execute(
        ListStockLegends(actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor))
    )
    return page_of(StockLegendPage, StockLegendRead.of, page)


@router.post(
    "/stock-plans",
    status_code=201,
    summary="Add a stock plan: shares reserved for grants, counted fully diluted",
    responses=errors(ValidationFailed, UnknownReference, IssuerNotFound, PermissionDenied),
)
@access(ISSUER_SCOPED)
async def create_stock_plan(
    issuer_id: IssuerId,
    body: StockPlanCreate,
    actor: CurrentActor,
    handler: Annotated[CreateStockPlanHandler, provide(CreateStockPlanHandler)],
) -> StockPlanRead:
    plan = await handler.execute(
        CreateStockPlan(
            actor=actor,
            issuer_id=issuer_id,
            plan_name=body.plan_name,
            initial_shares_reserved=body.initial_shares_reserved,
            stock_class_ids=tuple(body.stock_class_ids),
            board_approval_date=body.board_approval_date,
            stockholder_approval_date=body.stockholder_approval_date,
            default_cancellation_behavior=body.default_cancellation_behavior,
            comments=tuple(body.comments),
        )
    )
    return StockPlanRead.of(plan)


@router.get(
    "/stock-plans",
    summary="An issuer's stock plans, oldest first",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_stock_plans(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListStockPlansHandler, provide(ListStockPlansHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> StockPlanPage:
    page = await handler.execute(
        ListStockPlans(actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor))
    )
    return page_of(StockPlanPage, StockPlanRead.of, page)
