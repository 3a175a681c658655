"""KYC context wiring: the Aadhaar and PAN steps, status and resume, the review queue, the
level written onto the user, and the KYC gate other contexts ask."""

from __future__ import annotations

from adapters.http.kyc.reviews_router import router as reviews_router
from adapters.http.kyc.router import router
from adapters.http.registry import HandlerRegistry
from adapters.persistence.identity.kyc_level_sink import SqlKycLevelSink
from adapters.persistence.kyc.unit_of_work import CONSTRAINT_FIELDS, KycUnitOfWork
from infrastructure.container import Container
from infrastructure.identity.kit import unit_of_work_factory
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.identity.user_directory import IdentityUserDirectory
from usecases.kyc.decide_submission import DecideSubmissionHandler
from usecases.kyc.get_kyc_resume import GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatusHandler
from usecases.kyc.get_review_submission import GetReviewSubmissionHandler
from usecases.kyc.kyc_gate import KycLevelGate
from usecases.kyc.list_review_queue import ListReviewQueueHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPanHandler
from usecases.shared.ports.kyc_gate import KycGate


def unit_of_work(container: Container, *, require_audit: bool = True) -> KycUnitOfWork:
    # The level is identity's column, written through identity's adapter on this session.
    return KycUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
        require_audit=require_audit,
        level_sink=SqlKycLevelSink,
    )


def kyc_gate(container: Container) -> KycGate:
    """The KycGate for other contexts' wiring: ``await gate.require(user_id, "deposit")``."""
    return KycLevelGate(
        lambda: unit_of_work(container, require_audit=False),
        container.settings.kyc_required_levels,
    )


def register(registry: HandlerRegistry, container: Container) -> None:
    settings = container.settings
    clock = container.clock
    index = container.blind_index
    provider = SandboxKycProvider(latency_seconds=settings.kyc_sandbox_latency_seconds)
    users = IdentityUserDirectory(unit_of_work_factory(container, require_audit=False))
    gate = kyc_gate(container)
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


MODULE = ContextModule(
    name="kyc", register=register, routers=(Mounted(router), Mounted(reviews_router))
)
