"""Certificates: mine (holdings and certificates under ``/captable/me``), a certificate's PDF
for its holder or the issuer's admins, and the public verification its QR code points at."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Path, Query
from fastapi.responses import Response

from adapters.http.auth import CurrentActor
from adapters.http.captable.schemas import (
    CertificateVerificationRead,
    MyHoldingPage,
    MyHoldingRead,
    SecurityPage,
    SecurityRead,
)
from adapters.http.errors import errors
from adapters.http.paging import Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, PUBLIC, access
from adapters.http.registry import provide
from domain.captable.errors import SecurityNotFound
from domain.captable.security import SecurityStatus
from domain.shared.pagination import PageRequest
from usecases.captable.ownership.download_certificate import (
    DownloadCertificate,
    DownloadCertificateHandler,
)
from usecases.captable.ownership.list_my_certificates import (
    ListMyCertificates,
    ListMyCertificatesHandler,
)
from usecases.captable.ownership.list_my_holdings import ListMyHoldings, ListMyHoldingsHandler
from usecases.captable.ownership.verify_certificate import (
    VerifyCertificate,
    VerifyCertificateHandler,
)

router = APIRouter(prefix="/captable", tags=["captable"])
public_router = APIRouter(prefix="/certificates", tags=["captable"])
CertificateId = Annotated[UUID, Path(description="The certificate (its security id).")]
PDF: Final = {"type": "string", "format": "binary"}


@router.get("/me/holdings", summary="My holdings in every issuer, by issuer and class")
@access(AUTHENTICATED)
async def list_my_holdings(
    actor: CurrentActor,
    handler: Annotated[ListMyHoldingsHandler, provide(ListMyHoldingsHandler)],
    limit: Limit = 50,
    cursor: Cursor = None,
) -> MyHoldingPage:
    page = await handler.execute(ListMyHoldings(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(MyHoldingPage, MyHoldingRead.of, page)


@router.get("/me/certificates", summary="My certificates in every issuer, by number")
@access(AUTHENTICATED)
async def list_my_certificates(
    actor: CurrentActor,
    handler: Annotated[ListMyCertificatesHandler, provide(ListMyCertificatesHandler)],
    status: Annotated[SecurityStatus | None, Query(description="Only in this status.")] = None,
    limit: Limit = 50,
    cursor: Cursor = None,
) -> SecurityPage:
    page = await handler.execute(
        ListMyCertificates(actor=actor, status=status, page=PageRequest(limit, cursor))
    )
    return page_of(SecurityPage, SecurityRead.of, page)


@router.get(
    "/certificates/{certificate_id}/pdf",
    summary="A certificate as PDF, for its holder or the issuer's admins",
    response_class=Response,
    responses={
        200: {"description": "The certificate.", "content": {"application/pdf": {"schema": PDF}}},
        **errors(SecurityNotFound),
    },
)
@access(AUTHENTICATED)  # my own certificate, or one of an issuer I read; else 404 (use case)
async def get_certificate_pdf(
    certificate_id: CertificateId,
    actor: CurrentActor,
    handler: Annotated[DownloadCertificateHandler, provide(DownloadCertificateHandler)],
) -> Response:
    pdf = await handler.execute(DownloadCertificate(actor=actor, certificate_id=certificate_id))
    return Response(
        pdf.content,
        media_type="application/pdf",
        headers={
            "Content-Disposition": f'attachment; filename="{pdf.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )


@public_router.get(
    "/{certificate_id}/verify",
    summary="Check a certificate is real: number, class, quantity, status, issue date, issuer",
    responses=errors(SecurityNotFound),
)
@access(PUBLIC)
async def verify_certificate(
    certificate_id: CertificateId,
    handler: Annotated[VerifyCertificateHandler, provide(VerifyCertificateHandler)],
) -> CertificateVerificationRead:
    found = await handler.execute(VerifyCertificate(certificate_id=certificate_id))
    return CertificateVerificationRead.of(found)
