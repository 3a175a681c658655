"""KYC context wiring: the Aadhaar (with OTP), PAN, business and bank steps, status and
resume, the review queue, and the documents (uploads, signed links). The KYC gate and the
verified bank accounts other contexts use are in ``infrastructure.kyc.public``."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from adapters.http.kyc import documents_router
from adapters.http.kyc.bank_router import router as bank_router
from adapters.http.kyc.business_router import router as business_router
from adapters.http.kyc.reviews_router import router as reviews_router
from adapters.http.kyc.router import router
from adapters.http.middleware.body_limit import RouteBodyLimit
from adapters.http.registry import HandlerRegistry
from domain.kyc.aadhaar_otp import AadhaarOtpRules
from domain.kyc.documents import UPLOAD_FIELD
from infrastructure.banking.public import build_bank_rail
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.identity.public import one_time_code_service, user_directory
from infrastructure.kyc.adapters import build_kyc_provider
from infrastructure.kyc.public import kyc_gate
from infrastructure.kyc.unit_of_work import unit_of_work
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from usecases.kyc.decide_submission import DecideSubmissionHandler
from usecases.kyc.get_kyc_resume import GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatusHandler
from usecases.kyc.get_review_submission import GetReviewSubmissionHandler
from usecases.kyc.issue_document_link import IssueDocumentLinkHandler
from usecases.kyc.list_kyc_documents import ListKycDocumentsHandler
from usecases.kyc.list_review_queue import ListReviewQueueHandler
from usecases.kyc.read_document_content import ReadDocumentContentHandler
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtpHandler
from usecases.kyc.request_business_code import RequestBusinessCodeHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaarHandler
from usecases.kyc.submit_bank_account import SubmitBankAccountHandler
from usecases.kyc.submit_business import SubmitBusinessHandler
from usecases.kyc.submit_pan import SubmitPanHandler
from usecases.kyc.upload_kyc_document import UploadKycDocumentHandler
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtpHandler
from usecases.kyc.verify_business_contact import VerifyBusinessContactHandler

# Room for the multipart framing and the small form fields around an upload.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def register(registry: HandlerRegistry, container: Container) -> None:
    settings = container.settings
    clock = container.clock
    index = container.blind_index
    provider = build_kyc_provider(settings)
    rail = build_bank_rail(settings)
    cipher = container.field_cipher
    threshold = settings.kyc_name_match_threshold
    otp_rules = AadhaarOtpRules(
        ttl=timedelta(seconds=settings.kyc_aadhaar_otp_ttl_seconds),
        max_attempts=settings.kyc_aadhaar_otp_max_attempts,
    )
    codes = one_time_code_service(container)
    users = user_directory(container)
    gate = kyc_gate(container)
    registry.register(
        SubmitAadhaarHandler,
        lambda: SubmitAadhaarHandler(unit_of_work(container), cipher, index, clock),
    )
    registry.register(
        SubmitPanHandler,
        lambda: SubmitPanHandler(
            unit_of_work(container),
            provider,
            index,
            clock,
            threshold=threshold,
        ),
    )
    register_documents(registry, container)
    registry.register(
        RequestAadhaarOtpHandler,
        lambda: RequestAadhaarOtpHandler(
            unit_of_work(container), provider, cipher, clock, rules=otp_rules
        ),
    )
    registry.register(
        VerifyAadhaarOtpHandler,
        lambda: VerifyAadhaarOtpHandler(
            unit_of_work(container), provider, clock, rules=otp_rules, threshold=threshold
        ),
    )
    registry.register(
        SubmitBusinessHandler, lambda: SubmitBusinessHandler(unit_of_work(container), codes, clock)
    )
    registry.register(
        RequestBusinessCodeHandler,
        lambda: RequestBusinessCodeHandler(unit_of_work(container), codes),
    )
    registry.register(
        VerifyBusinessContactHandler,
        lambda: VerifyBusinessContactHandler(unit_of_work(container), codes, clock),
    )
    registry.register(
        SubmitBankAccountHandler,
        lambda: SubmitBankAccountHandler(
            unit_of_work(container), provider, rail, cipher, index, clock, threshold=threshold
        ),
    )
    registry.register(
        GetKycStatusHandler, lambda: GetKycStatusHandler(unit_of_work(container), users, gate)
    )
    registry.register(
        GetKycResumeHandler, lambda: GetKycResumeHandler(unit_of_work(container), users)
    )
    registry.register(
        ListReviewQueueHandler, lambda: ListReviewQueueHandler(unit_of_work(container), users)
    )
    registry.register(
        GetReviewSubmissionHandler,
        lambda: GetReviewSubmissionHandler(unit_of_work(container), users),
    )
    registry.register(
        DecideSubmissionHandler,
        lambda: DecideSubmissionHandler(unit_of_work(container), users, clock),
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
    routers=(
        Mounted(router),
        Mounted(business_router),
        Mounted(bank_router),
        Mounted(reviews_router),
        Mounted(documents_router.router),
    ),
    body_limits=upload_limits,
)
