"""OCF 1.2: import a package as a new issuer (platform admins), export an issuer as an
``.ocf.zip`` (whoever may read it)."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Form, Path
from fastapi.responses import JSONResponse, Response

from adapters.http.auth import CurrentActor
from adapters.http.captable.ocf_schemas import OcfImportRead, OcfPackageCreate
from adapters.http.errors import errors
from adapters.http.idempotency import (
    IDEMPOTENCY_ERRORS,
    Answer,
    UploadIdempotencyHeader,
    respond,
)
from adapters.http.policy import access, owner_or, permission
from adapters.http.registry import provide
from domain.captable.errors import IssuerNotFound
from domain.shared.errors import PermissionDenied
from usecases.captable.access import CAPTABLE_MANAGE
from usecases.captable.ocf.export_ocf_package import ExportOcfPackage, ExportOcfPackageHandler
from usecases.captable.ocf.import_ocf_package import (
    ImportOcfPackage,
    ImportOcfPackageHandler,
    OcfImported,
)
from usecases.captable.ocf.ports import PACKAGE_REFUSALS, OcfObjectInvalid, OcfObjectRefused

router = APIRouter(prefix="/captable", tags=["captable"])
IMPORT_PATH: Final = "/ocf/imports"
ZIP: Final = {"type": "string", "format": "binary"}


@router.post(
    IMPORT_PATH,
    status_code=201,
    summary="Import an OCF package (.ocf.zip or JSON) as a new issuer, all or nothing",
    response_model=OcfImportRead,
    responses={
        **IDEMPOTENCY_ERRORS,
        **errors(PermissionDenied, *PACKAGE_REFUSALS, OcfObjectInvalid, OcfObjectRefused),
    },
)
@access(permission(CAPTABLE_MANAGE))
async def import_ocf_package(
    body: Annotated[OcfPackageCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    key: UploadIdempotencyHeader,
    handler: Annotated[ImportOcfPackageHandler, provide(ImportOcfPackageHandler)],
) -> JSONResponse:
    """``Idempotency-Key`` required: a retried upload of the same package (its bytes' sha256,
    whatever the multipart framing) answers the first import with ``Idempotent-Replayed``."""
    outcome = await handler.execute_once(
        ImportOcfPackage(
            actor=actor,
            file=body.file,
            filename=body.file.filename or "upload",
            idempotency=key,
        )
    )
    return respond(outcome, IMPORTED)


def _imported(done: OcfImported) -> object:
    return OcfImportRead.of(done).model_dump(mode="json")


IMPORTED: Final = Answer(201, _imported)


@router.get(
    "/issuers/{issuer_id}/ocf",
    summary="Export the issuer's cap table as an OCF 1.2 package (.ocf.zip)",
    response_class=Response,
    responses={
        200: {
            "description": "The .ocf.zip: the manifest with the md5 of each file, the "
            "stakeholders, the stock classes and the transactions, each validated against "
            "the OCF schema of its type.",
            "content": {"application/zip": {"schema": ZIP}},
        },
        **errors(IssuerNotFound, PermissionDenied, OcfObjectInvalid),
    },
)
@access(owner_or(CAPTABLE_MANAGE))
async def export_ocf_package(
    issuer_id: Annotated[UUID, Path(description="The issuer.")],
    actor: CurrentActor,
    handler: Annotated[ExportOcfPackageHandler, provide(ExportOcfPackageHandler)],
) -> Response:
    exported = await handler.execute(ExportOcfPackage(actor=actor, issuer_id=issuer_id))
    return Response(
        exported.data,
        media_type="application/zip",
        headers={
            "Content-Disposition": f'attachment; filename="{exported.filename}"',
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "no-store",
        },
    )
