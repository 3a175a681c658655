"""Documents attached to my investments: upload (the KYC upload rules), list, download. Only
the owner sees a document; to anyone else it does not exist (404)."""

from __future__ import annotations

from typing import Annotated, Final
from uuid import UUID

from fastapi import APIRouter, Form, Path
from fastapi.responses import StreamingResponse

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, OWNER, access
from adapters.http.portfolio.documents_schemas import (
    InvestmentDocumentCreate,
    InvestmentDocumentPage,
    InvestmentDocumentRead,
)
from adapters.http.portfolio.investments_router import InvestmentId
from adapters.http.registry import provide
from domain.portfolio.documents import ACCEPTED, InvestmentDocumentNotFound
from domain.portfolio.errors import InvestmentNotFound
from domain.shared.content_type import ContentType
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from domain.shared.uploads import FileTooLarge, UnsupportedFile
from usecases.portfolio.documents.download_document import (
    DownloadInvestmentDocument,
    DownloadInvestmentDocumentHandler,
)
from usecases.portfolio.documents.list_documents import (
    ListInvestmentDocuments,
    ListInvestmentDocumentsHandler,
)
from usecases.portfolio.documents.upload_document import (
    UploadInvestmentDocument,
    UploadInvestmentDocumentHandler,
)

router = APIRouter(prefix="/portfolio", tags=["portfolio"])

UPLOAD_PATH: Final = "/documents"
EXTENSIONS: Final = {ContentType.JPEG: "jpg", ContentType.PNG: "png", ContentType.PDF: "pdf"}
BINARY: Final = {"type": "string", "format": "binary"}
DocumentId = Annotated[UUID, Path(description="One of my investment documents.")]


@router.post(
    UPLOAD_PATH,
    status_code=201,
    summary="Attach a statement, tax document or agreement (PDF, JPEG, PNG) to my investment",
    responses=errors(ValidationFailed, UnsupportedFile, FileTooLarge, InvestmentNotFound),
)
@access(AUTHENTICATED)
async def upload_investment_document(
    body: Annotated[InvestmentDocumentCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    handler: Annotated[UploadInvestmentDocumentHandler, provide(UploadInvestmentDocumentHandler)],
) -> InvestmentDocumentRead:
    """The file is sealed in the document store; its type comes from its bytes."""
    document = await handler.execute(
        UploadInvestmentDocument(
            actor=actor,
            investment_id=body.investment_id,
            kind=body.kind,
            title=body.title,
            file=body.file,
        )
    )
    return InvestmentDocumentRead.of(document)


@router.get(
    "/investments/{investment_id}/documents",
    summary="The documents of my investment, newest first",
    responses=errors(ValidationFailed, InvestmentNotFound),
)
@access(OWNER)
async def list_investment_documents(
    investment_id: InvestmentId,
    actor: CurrentActor,
    handler: Annotated[ListInvestmentDocumentsHandler, provide(ListInvestmentDocumentsHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> InvestmentDocumentPage:
    page = await handler.execute(
        ListInvestmentDocuments(
            actor=actor, investment_id=investment_id, page=PageRequest(limit, cursor)
        )
    )
    return page_of(InvestmentDocumentPage, InvestmentDocumentRead.of, page)


@router.get(
    "/documents/{document_id}/content",
    summary="Download one of my investment documents",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The decrypted file, as an attachment. Its Content-Type is the type "
            "detected at upload: " + ", ".join(sorted(t.value for t in ACCEPTED)) + ".",
            "content": {"application/octet-stream": {"schema": BINARY}},
        },
        **errors(ValidationFailed, InvestmentDocumentNotFound),
    },
)
@access(OWNER)
async def download_investment_document(
    document_id: DocumentId,
    actor: CurrentActor,
    handler: Annotated[
        DownloadInvestmentDocumentHandler, provide(DownloadInvestmentDocumentHandler)
    ],
) -> StreamingResponse:
    content = await handler.execute(
        DownloadInvestmentDocument(actor=actor, document_id=document_id)
    )
    document = content.document
    filename = f"{document.kind.value}.{EXTENSIONS[document.content_type]}"
    return StreamingResponse(
        content.chunks,
        media_type=document.content_type.value,
        headers={
            "Content-Disposition": f'attachment; filename="{filename}"',
            "Content-Length": str(document.size_bytes),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        },
    )
