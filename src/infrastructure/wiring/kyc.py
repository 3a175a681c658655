"""KYC context wiring: the Aadhaar (with OTP), PAN, business and bank steps, status and
resume, the review queue, the level written onto the user, the KYC gate other contexts ask and
the verified-bank-accounts port for banking, and the documents (uploads, signed links)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta

from adapters.http.kyc import documents_router
from adapters.http.kyc.bank_router import router as bank_router
from adapters.http.kyc.business_router import router as business_router
from adapters.http.kyc.reviews_router import router as reviews_router
from adapters.http.kyc.router import router
from adapters.http.middleware.body_limit import RouteBodyLimit
from adapters.persistence.kyc.statistics import SqlKycStatistics
from adapters.persistence.kyc.unit_of_work import CONSTRAINT_FIELDS, KycUnitOfWork
from domain.kyc.aadhaar_otp import AadhaarOtpRules
from domain.kyc.documents import UPLOAD_FIELD
from infrastructure.banking.public import build_bank_rail
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.identity.public import kyc_level_sink
from infrastructure.kyc.adapters import build_kyc_provider
from infrastructure.wiring.kernel import setting
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.banking.public import BankRail
from usecases.kyc import ports
from usecases.kyc.decide_submission import DecideSubmissionHandler
from usecases.kyc.get_kyc_resume import GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatusHandler
from usecases.kyc.get_review_submission import GetReviewSubmissionHandler
from usecases.kyc.issue_document_link import IssueDocumentLinkHandler
from usecases.kyc.kyc_gate import KycLevelGate
from usecases.kyc.list_kyc_documents import ListKycDocumentsHandler
from usecases.kyc.list_review_queue import ListReviewQueueHandler
from usecases.kyc.public.kyc_gate import KycGate
from usecases.kyc.public.kyc_statistics import KycStatistics
from usecases.kyc.public.verified_bank_accounts import VerifiedBankAccounts
from usecases.kyc.read_document_content import ReadDocumentContentHandler
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtpHandler
from usecases.kyc.request_business_code import RequestBusinessCodeHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaarHandler
from usecases.kyc.submit_bank_account import SubmitBankAccountHandler
from usecases.kyc.submit_business import SubmitBusinessHandler
from usecases.kyc.submit_pan import SubmitPanHandler
from usecases.kyc.upload_kyc_document import UploadKycDocumentHandler
from usecases.kyc.verified_bank_accounts import KycVerifiedBankAccounts
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtpHandler
from usecases.kyc.verify_business_contact import VerifyBusinessContactHandler

# Room for the multipart framing and the small form fields around an upload.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def unit_of_work(container: Container, *, require_audit: bool = True) -> KycUnitOfWork:
    # The level is identity's column, written through identity's sink on this session.
    return KycUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
        require_audit=require_audit,
        level_sink=kyc_level_sink,
    )


def kyc_gate(container: Container) -> KycGate:
    """The KycGate for other contexts' wiring: ``await gate.require(user_id, "deposit")``."""
    return KycLevelGate(
        lambda: unit_of_work(container, require_audit=False),
        container.settings.kyc_required_levels,
    )


def otp_rules(settings: Settings) -> AadhaarOtpRules:
    return AadhaarOtpRules(
        ttl=timedelta(seconds=settings.kyc_aadhaar_otp_ttl_seconds),
        max_attempts=settings.kyc_aadhaar_otp_max_attempts,
    )


def kyc_provider(settings: Settings) -> ports.KycProvider:
    return build_kyc_provider(settings)


def bank_rail(settings: Settings) -> BankRail:
    """The rail of penny drops (KYC's bank step, banking's linking): the worker's rail, which
    also submits transfers, is banking's ``banking_rail``."""
    return build_bank_rail(settings)


def verified_bank_accounts(container: Container) -> KycVerifiedBankAccounts:
    """KYC's VerifiedBankAccounts port, which banking's handlers take by type."""
    return KycVerifiedBankAccounts(lambda: unit_of_work(container))


def upload_limits(settings: Settings) -> Mapping[str, RouteBodyLimit]:
    limit = RouteBodyLimit(settings.kyc_upload_max_bytes + MULTIPART_OVERHEAD_BYTES, UPLOAD_FIELD)
    prefix = f"{API_PREFIX}{documents_router.router.prefix}"
    paths = (documents_router.IMAGES_PATH, documents_router.OFFLINE_EKYC_PATH)
    return {f"{prefix}{path}": limit for path in paths}


MODULE = ContextModule(
    name="kyc",
    handlers=(
        SubmitAadhaarHandler,
        SubmitPanHandler,
        UploadKycDocumentHandler,
        ListKycDocumentsHandler,
        IssueDocumentLinkHandler,
        ReadDocumentContentHandler,
        RequestAadhaarOtpHandler,
        VerifyAadhaarOtpHandler,
        SubmitBusinessHandler,
        RequestBusinessCodeHandler,
        VerifyBusinessContactHandler,
        SubmitBankAccountHandler,
        GetKycStatusHandler,
        GetKycResumeHandler,
        ListReviewQueueHandler,
        GetReviewSubmissionHandler,
        DecideSubmissionHandler,
    ),
    collaborators=(
        per_use(ports.KycUnitOfWork, unit_of_work),
        once(ports.KycProvider, kyc_provider),
        once(BankRail, bank_rail),
        once(KycGate, kyc_gate),
        once(VerifiedBankAccounts, verified_bank_accounts),
        once(KycStatistics, SqlKycStatistics),
        once(AadhaarOtpRules, otp_rules),
        setting("threshold", lambda s: s.kyc_name_match_threshold),
        setting("max_bytes", lambda s: s.kyc_upload_max_bytes),
        setting("ttl_seconds", lambda s: s.kyc_document_url_ttl_seconds),
    ),
    routers=(
        Mounted(router),
        Mounted(business_router),
        Mounted(bank_router),
        Mounted(reviews_router),
        Mounted(documents_router.router),
    ),
    body_limits=upload_limits,
)
