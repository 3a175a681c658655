"""Views of a cap table: the summary and the shareholder list (cached; now or at the end of
any past date with ``as_of``), holdings by class, certificates, their lineage, the history."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path, Query

from adapters.http.auth import CurrentActor
from adapters.http.captable.schemas import (
    CapTableEventPage,
    CapTableEventRead,
    CapTableSummaryRead,
    ClassHoldingPage,
    ClassHoldingRead,
    ClassQuantityRead,
    HolderPage,
    HolderRead,
    LineageRead,
    SecurityPage,
    SecurityRead,
)
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import access, owner_or
from adapters.http.registry import provide
from adapters.http.temporal import IsoDate
from domain.captable.errors import IssuerNotFound, SecurityNotFound
from domain.captable.lineage import Lineage
from domain.captable.security import SecurityStatus
from domain.shared.pagination import PageRequest
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.events.list_events import ListEvents, ListEventsHandler
from usecases.captable.ownership.get_cap_table_summary import (
    GetCapTableSummary,
    GetCapTableSummaryHandler,
)
from usecases.captable.ownership.get_security_lineage import (
    GetSecurityLineage,
    GetSecurityLineageHandler,
)
from usecases.captable.ownership.list_class_holdings import (
    ListClassHoldings,
    ListClassHoldingsHandler,
)
from usecases.captable.ownership.list_holders import ListHolders, ListHoldersHandler
from usecases.captable.ownership.list_securities import ListSecurities, ListSecuritiesHandler
from usecases.captable.views import ClassSummary, HolderRow

router = APIRouter(prefix="/captable/issuers/{issuer_id}", tags=["captable"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
AsOf = Annotated[
    IsoDate | None,
    Query(description="The cap table at the end of this date (YYYY-MM-DD); omit for now."),
]
ISSUER_SCOPED = owner_or(CAPTABLE_MANAGE)


def _class_row(row: ClassSummary) -> ClassHoldingRead:
    return ClassHoldingRead.taking(
        row.total,
        name=row.share_class.name,
        class_type=row.share_class.class_type,
    )


def _holder(row: HolderRow) -> HolderRead:
    return HolderRead.taking(
        row.position,
        legal_name=row.legal_name,
        holdings=[ClassQuantityRead.of(h) for h in row.position.holdings],
    )


@router.get(
    "/summary",
    summary="The cap table's totals: outstanding and fully diluted shares by class",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def get_summary(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[GetCapTableSummaryHandler, provide(GetCapTableSummaryHandler)],
    as_of: AsOf = None,
) -> CapTableSummaryRead:
    summary = await handler.execute(
        GetCapTableSummary(actor=actor, issuer_id=issuer_id, as_of=as_of)
    )
    return CapTableSummaryRead.taking(
        summary, issuer_id=summary.issuer.id, classes=[_class_row(c) for c in summary.classes]
    )


@router.get(
    "/holders",
    summary="The shareholder list, largest first, with outstanding and fully diluted percentages",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_holders(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListHoldersHandler, provide(ListHoldersHandler)],
    as_of: AsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> HolderPage:
    page = await handler.execute(
        ListHolders(actor=actor, issuer_id=issuer_id, as_of=as_of, page=PageRequest(limit, cursor))
    )
    return page_of(HolderPage, _holder, page)


@router.get(
    "/class-holdings",
    summary="Holdings by class: authorized, outstanding and fully diluted shares",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_class_holdings(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListClassHoldingsHandler, provide(ListClassHoldingsHandler)],
    as_of: AsOf = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ClassHoldingPage:
    page = await handler.execute(
        ListClassHoldings(
            actor=actor, issuer_id=issuer_id, as_of=as_of, page=PageRequest(limit, cursor)
        )
    )
    return page_of(ClassHoldingPage, _class_row, page)


@router.get(
    "/securities",
    summary="The issuer's certificates by number",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_securities(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListSecuritiesHandler, provide(ListSecuritiesHandler)],
    stakeholder_id: Annotated[UUID | None, Query(description="Only this holder's.")] = None,
    status: Annotated[SecurityStatus | None, Query(description="Only in this status.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> SecurityPage:
    page = await handler.execute(
        ListSecurities(
            actor=actor,
            issuer_id=issuer_id,
            stakeholder_id=stakeholder_id,
            status=status,
            page=PageRequest(limit, cursor),
        )
    )
    return page_of(SecurityPage, SecurityRead.of, page)


@router.get(
    "/securities/{security_id}/lineage",
    summary="Where a certificate came from and what it became",
    responses=errors(IssuerNotFound, SecurityNotFound),
)
@access(ISSUER_SCOPED)
async def get_lineage(
    issuer_id: IssuerId,
    security_id: Annotated[UUID, Path(description="The certificate.")],
    actor: CurrentActor,
    handler: Annotated[GetSecurityLineageHandler, provide(GetSecurityLineageHandler)],
) -> LineageRead:
    lineage: Lineage = await handler.execute(
        GetSecurityLineage(actor=actor, issuer_id=issuer_id, security_id=security_id)
    )
    return LineageRead(
        security=SecurityRead.of(lineage.security),
        ancestors=[SecurityRead.of(s) for s in lineage.ancestors],
        descendants=[SecurityRead.of(s) for s in lineage.descendants],
    )


@router.get(
    "/events",
    summary="The cap table's history, oldest first",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_events(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListEventsHandler, provide(ListEventsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> CapTableEventPage:
    page = await handler.execute(
        ListEvents(actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor))
    )
    return page_of(CapTableEventPage, CapTableEventRead.of_event, page)
