"""Issuers, their share classes and stakeholders. Platform admins create issuers; a company
admin (the ``company_admin`` role scoped to ``issuer:<id>``) runs one; anyone else gets 404."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Path

from adapters.http.auth import CurrentActor
from adapters.http.captable.schemas import (
    AddressCreate,
    IssuerCreate,
    IssuerPage,
    IssuerRead,
    ShareClassCreate,
    ShareClassPage,
    ShareClassRead,
    StakeholderCreate,
    StakeholderLinkUpdate,
    StakeholderPage,
    StakeholderRead,
)
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, access, owner_or, permission
from adapters.http.registry import provide
from domain.captable.errors import (
    CertificatePrefixTaken,
    IssuerNotFound,
    StakeholderAlreadyLinked,
    StakeholderNotFound,
)
from domain.captable.issuer import Address, TaxId
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.issuers.create_issuer import CreateIssuer, CreateIssuerHandler
from usecases.captable.issuers.create_share_class import CreateShareClass, CreateShareClassHandler
from usecases.captable.issuers.create_stakeholder import CreateStakeholder, CreateStakeholderHandler
from usecases.captable.issuers.get_issuer import GetIssuer, GetIssuerHandler
from usecases.captable.issuers.link_stakeholder import LinkStakeholder, LinkStakeholderHandler
from usecases.captable.issuers.list_issuers import ListIssuers, ListIssuersHandler
from usecases.captable.issuers.list_share_classes import ListShareClasses, ListShareClassesHandler
from usecases.captable.issuers.list_stakeholders import ListStakeholders, ListStakeholdersHandler

router = APIRouter(prefix="/captable", tags=["captable"])
IssuerId = Annotated[UUID, Path(description="The issuer.")]
ISSUER_SCOPED = owner_or(CAPTABLE_MANAGE)


def _address(body: AddressCreate | None) -> Address | None:
    return None if body is None else Address(**body.model_dump())


@router.post(
    "/issuers",
    status_code=201,
    summary="Open an issuer's cap table (platform admins)",
    responses=errors(ValidationFailed, PermissionDenied),
)
@access(permission(CAPTABLE_MANAGE))
async def create_issuer(
    body: IssuerCreate,
    actor: CurrentActor,
    handler: Annotated[CreateIssuerHandler, provide(CreateIssuerHandler)],
) -> IssuerRead:
    issuer = await handler.execute(
        CreateIssuer(
            actor=actor,
            legal_name=body.legal_name,
            formation_date=body.formation_date,
            country_of_formation=body.country_of_formation,
            country_subdivision_of_formation=body.country_subdivision_of_formation,
            currency=body.currency,
            tax_ids=tuple(TaxId(t.tax_id, t.country) for t in body.tax_ids),
            addresses=tuple(Address(**a.model_dump()) for a in body.addresses),
            rofr_window_days=body.rofr_window_days,
            transfer_fee_rate=body.transfer_fee_rate,
            transfer_fee_payer=body.transfer_fee_payer,
        )
    )
    return IssuerRead.of(issuer)


@router.get("/issuers", summary="The issuers I may see, oldest first")
@access(AUTHENTICATED)
async def list_issuers(
    actor: CurrentActor,
    handler: Annotated[ListIssuersHandler, provide(ListIssuersHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> IssuerPage:
    page = await handler.execute(ListIssuers(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(IssuerPage, IssuerRead.of, page)


@router.get("/issuers/{issuer_id}", summary="One issuer", responses=errors(IssuerNotFound))
@access(ISSUER_SCOPED)
async def get_issuer(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[GetIssuerHandler, provide(GetIssuerHandler)],
) -> IssuerRead:
    return IssuerRead.of(await handler.execute(GetIssuer(actor=actor, issuer_id=issuer_id)))


@router.post(
    "/issuers/{issuer_id}/share-classes",
    status_code=201,
    summary="Add a share class",
    responses=errors(ValidationFailed, IssuerNotFound, PermissionDenied, CertificatePrefixTaken),
)
@access(ISSUER_SCOPED)
async def create_share_class(
    issuer_id: IssuerId,
    body: ShareClassCreate,
    actor: CurrentActor,
    handler: Annotated[CreateShareClassHandler, provide(CreateShareClassHandler)],
) -> ShareClassRead:
    share_class = await handler.execute(
        CreateShareClass(actor=actor, issuer_id=issuer_id, **body.model_dump())
    )
    return ShareClassRead.of(share_class)


@router.get(
    "/issuers/{issuer_id}/share-classes",
    summary="An issuer's share classes, oldest first",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_share_classes(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListShareClassesHandler, provide(ListShareClassesHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> ShareClassPage:
    page = await handler.execute(
        ListShareClasses(actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor))
    )
    return page_of(ShareClassPage, ShareClassRead.of, page)


@router.post(
    "/issuers/{issuer_id}/stakeholders",
    status_code=201,
    summary="Add a stakeholder",
    responses=errors(ValidationFailed, IssuerNotFound, PermissionDenied),
)
@access(ISSUER_SCOPED)
async def create_stakeholder(
    issuer_id: IssuerId,
    body: StakeholderCreate,
    actor: CurrentActor,
    handler: Annotated[CreateStakeholderHandler, provide(CreateStakeholderHandler)],
) -> StakeholderRead:
    stakeholder = await handler.execute(
        CreateStakeholder(
            actor=actor,
            issuer_id=issuer_id,
            legal_name=body.legal_name,
            stakeholder_type=body.stakeholder_type,
            email=body.email,
            phone=body.phone,
            address=_address(body.address),
            issuer_assigned_id=body.issuer_assigned_id,
        )
    )
    return StakeholderRead.of(stakeholder)


@router.get(
    "/issuers/{issuer_id}/stakeholders",
    summary="An issuer's stakeholders, oldest first",
    responses=errors(IssuerNotFound),
)
@access(ISSUER_SCOPED)
async def list_stakeholders(
    issuer_id: IssuerId,
    actor: CurrentActor,
    handler: Annotated[ListStakeholdersHandler, provide(ListStakeholdersHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> StakeholderPage:
    page = await handler.execute(
        ListStakeholders(actor=actor, issuer_id=issuer_id, page=PageRequest(limit, cursor))
    )
    return StakeholderPage.of(page)


@router.put(
    "/issuers/{issuer_id}/stakeholders/{stakeholder_id}/user",
    summary="Link a stakeholder to a platform user, who then sees these holdings as theirs",
    responses=errors(
        ValidationFailed,
        IssuerNotFound,
        StakeholderNotFound,
        PermissionDenied,
        StakeholderAlreadyLinked,
    ),
)
@access(ISSUER_SCOPED)
async def link_stakeholder(
    issuer_id: IssuerId,
    stakeholder_id: Annotated[UUID, Path()],
    body: StakeholderLinkUpdate,
    actor: CurrentActor,
    handler: Annotated[LinkStakeholderHandler, provide(LinkStakeholderHandler)],
) -> StakeholderRead:
    stakeholder = await handler.execute(
        LinkStakeholder(
            actor=actor,
            issuer_id=issuer_id,
            stakeholder_id=stakeholder_id,
            user_code=body.user_code,
        )
    )
    return StakeholderRead.of(stakeholder)
