"""KYC context wiring: the Aadhaar and PAN steps, status and resume, documents."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.http.kyc import documents_router
from adapters.http.kyc.router import router
from adapters.http.middleware.body_limit import RouteBodyLimit
from adapters.http.registry import HandlerRegistry
from adapters.persistence.kyc.unit_of_work import CONSTRAINT_FIELDS, KycUnitOfWork
from domain.kyc.documents import UPLOAD_FIELD
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.identity.kit import unit_of_work_factory
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from usecases.identity.user_directory import IdentityUserDirectory
from usecases.kyc.get_kyc_resume import GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatusHandler
from usecases.kyc.issue_document_link import IssueDocumentLinkHandler
from usecases.kyc.list_kyc_documents import ListKycDocumentsHandler
from usecases.kyc.read_document_content import ReadDocumentContentHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPanHandler
from usecases.kyc.upload_kyc_document import UploadKycDocumentHandler

# Room for the multipart framing and the small form fields around an upload.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def unit_of_work(container: Container) -> KycUnitOfWork:
    return KycUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
    )


def register(registry: HandlerRegistry, container: Container) -> None:
    settings = container.settings
    clock = container.clock
    index = container.blind_index
    provider = SandboxKycProvider(latency_seconds=settings.kyc_sandbox_latency_seconds)
    users = IdentityUserDirectory(unit_of_work_factory(container, require_audit=False))
    registry.register(
        SubmitAadhaarHandler,
        lambda: SubmitAadhaarHandler(unit_of_work(container), container.field_cipher, index, clock),
    )
    registry.register(
        SubmitPanHandler,
        lambda: SubmitPanHandler(
            unit_of_work(container),
            provider,
            index,
            clock,
            threshold=settings.kyc_name_match_threshold,
        ),
    )
    register_documents(registry, container)
    registry.register(
        GetKycStatusHandler, lambda: GetKycStatusHandler(unit_of_work(container), users)
    )
    registry.register(
        GetKycResumeHandler, lambda: GetKycResumeHandler(unit_of_work(container), users)
    )


def register_documents(registry: HandlerRegistry, container: Container) -> None:
    settings = container.settings
    clock = container.clock
    store = container.documents
    signer = container.link_signer
    registry.register(
        UploadKycDocumentHandler,
        lambda: UploadKycDocumentHandler(
            unit_of_work(container), store, clock, max_bytes=settings.kyc_upload_max_bytes
        ),
    )
    registry.register(
        ListKycDocumentsHandler, lambda: ListKycDocumentsHandler(unit_of_work(container))
    )
    registry.register(
        IssueDocumentLinkHandler,
        lambda: IssueDocumentLinkHandler(
            unit_of_work(container),
            signer,
            clock,
            ttl_seconds=settings.kyc_document_url_ttl_seconds,
        ),
    )
    registry.register(
        ReadDocumentContentHandler,
        lambda: ReadDocumentContentHandler(unit_of_work(container), store, signer, clock),
    )


def upload_limits(settings: Settings) -> Mapping[str, RouteBodyLimit]:
    limit = RouteBodyLimit(settings.kyc_upload_max_bytes + MULTIPART_OVERHEAD_BYTES, UPLOAD_FIELD)
    prefix = f"{API_PREFIX}{documents_router.router.prefix}"
    paths = (documents_router.IMAGES_PATH, documents_router.OFFLINE_EKYC_PATH)
    return {f"{prefix}{path}": limit for path in paths}


MODULE = ContextModule(
    name="kyc",
    register=register,
    routers=(Mounted(router), Mounted(documents_router.router)),
    body_limits=upload_limits,
)
