"""KYC uploads (Aadhaar card sides, the offline e-KYC file), my documents, and downloads
through short-lived signed links."""

from __future__ import annotations

from typing import Annotated
from uuid import UUID

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import StreamingResponse

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.documents_schemas import (
    AadhaarImageCreate,
    KycDocumentLinkRead,
    KycDocumentPage,
    KycDocumentRead,
    OfflineEkycCreate,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit, page_of
from adapters.http.policy import AUTHENTICATED, PUBLIC, access, owner_or
from adapters.http.registry import provide
from domain.kyc.documents import (
    AadhaarNotSubmitted,
    DocumentId,
    DocumentKind,
    DocumentNotFound,
    FileTooLarge,
    LinkExpired,
    LinkInvalid,
    UnsupportedFile,
)
from domain.kyc.steps import StepAlreadyVerified
from domain.shared.content_type import ContentType
from domain.shared.errors import ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.kyc.access import KYC_REVIEW
from usecases.kyc.document_links import DocumentLink
from usecases.kyc.issue_document_link import IssueDocumentLink, IssueDocumentLinkHandler
from usecases.kyc.list_kyc_documents import ListKycDocuments, ListKycDocumentsHandler
from usecases.kyc.read_document_content import (
    ReadDocumentContent,
    ReadDocumentContentHandler,
)
from usecases.kyc.upload_kyc_document import UploadKycDocument, UploadKycDocumentHandler

router = APIRouter(prefix="/kyc", tags=["kyc"])

IMAGES_PATH = "/aadhaar/images"
OFFLINE_EKYC_PATH = "/aadhaar/offline-ekyc"
EXTENSIONS = {
    ContentType.JPEG: "jpg",
    ContentType.PNG: "png",
    ContentType.PDF: "pdf",
    ContentType.ZIP: "zip",
}
BINARY = {"type": "string", "format": "binary"}
SIDES = {"front": DocumentKind.AADHAAR_FRONT, "back": DocumentKind.AADHAAR_BACK}


@router.post(
    IMAGES_PATH,
    status_code=201,
    summary="Upload one side of my Aadhaar card (JPEG, PNG or PDF)",
    responses=errors(UnsupportedFile, FileTooLarge, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def upload_aadhaar_image(
    body: Annotated[AadhaarImageCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    handler: Annotated[UploadKycDocumentHandler, provide(UploadKycDocumentHandler)],
) -> KycDocumentRead:
    document = await handler.execute(
        UploadKycDocument(actor=actor, kind=SIDES[body.side], file=body.file)
    )
    return KycDocumentRead.of(document)


@router.post(
    OFFLINE_EKYC_PATH,
    status_code=201,
    summary="Upload my UIDAI offline e-KYC ZIP; the Aadhaar step goes to manual review",
    responses=errors(UnsupportedFile, FileTooLarge, AadhaarNotSubmitted, StepAlreadyVerified),
)
@access(AUTHENTICATED)
async def upload_offline_ekyc(
    body: Annotated[OfflineEkycCreate, Form(media_type="multipart/form-data")],
    actor: CurrentActor,
    handler: Annotated[UploadKycDocumentHandler, provide(UploadKycDocumentHandler)],
) -> KycDocumentRead:
    document = await handler.execute(
        UploadKycDocument(actor=actor, kind=DocumentKind.AADHAAR_OFFLINE_EKYC, file=body.file)
    )
    return KycDocumentRead.of(document)


@router.get(
    "/documents",
    summary="My uploaded KYC documents, newest first",
    responses=errors(ValidationFailed),
)
@access(AUTHENTICATED)
async def list_documents(
    actor: CurrentActor,
    handler: Annotated[ListKycDocumentsHandler, provide(ListKycDocumentsHandler)],
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> KycDocumentPage:
    page = await handler.execute(ListKycDocuments(actor=actor, page=PageRequest(limit, cursor)))
    return page_of(KycDocumentPage, KycDocumentRead.of, page)


@router.get(
    "/documents/{document_id}/url",
    summary="A short-lived signed link to download a document (owner or reviewer)",
    responses=errors(DocumentNotFound),
)
@access(owner_or(KYC_REVIEW))
async def get_document_url(
    document_id: UUID,
    request: Request,
    actor: CurrentActor,
    handler: Annotated[IssueDocumentLinkHandler, provide(IssueDocumentLinkHandler)],
) -> KycDocumentLinkRead:
    link = await handler.execute(
        IssueDocumentLink(actor=actor, document_id=DocumentId(document_id))
    )
    url = request.url_for("get_document_content", document_id=str(link.document_id))
    query = {"viewer": str(link.viewer), "expires": str(link.expires), "signature": link.signature}
    return KycDocumentLinkRead(
        url=str(url.include_query_params(**query)), expires_at=link.expires_at
    )


@router.get(
    "/documents/{document_id}/content",
    summary="Download a document through its signed link (the link is the credential)",
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "The decrypted file, as an attachment. Its Content-Type is the type "
            "detected at upload: " + ", ".join(t.value for t in ContentType) + ".",
            "content": {"application/octet-stream": {"schema": BINARY}},
        },
        **errors(LinkInvalid, LinkExpired, DocumentNotFound),
    },
)
@access(PUBLIC)
async def get_document_content(
    document_id: UUID,
    viewer: Annotated[UUID, Query(description="The user the link was issued to.")],
    expires: Annotated[int, Query(ge=0, description="Expiry, Unix seconds.")],
    signature: Annotated[str, Query(max_length=100)],
    handler: Annotated[ReadDocumentContentHandler, provide(ReadDocumentContentHandler)],
) -> StreamingResponse:
    content = await handler.execute(
        ReadDocumentContent(link=DocumentLink(DocumentId(document_id), viewer, expires, signature))
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
            "Cache-Control": "no-store",
        },
    )
