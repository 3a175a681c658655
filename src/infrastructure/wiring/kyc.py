"""KYC context wiring: the Aadhaar and PAN steps, status and resume."""

from __future__ import annotations

from adapters.http.kyc.router import router
from adapters.http.registry import HandlerRegistry
from adapters.persistence.kyc.unit_of_work import CONSTRAINT_FIELDS, KycUnitOfWork
from infrastructure.container import Container
from infrastructure.identity.kit import unit_of_work_factory
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.identity.user_directory import IdentityUserDirectory
from usecases.kyc.get_kyc_resume import GetKycResumeHandler
from usecases.kyc.get_kyc_status import GetKycStatusHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaarHandler
from usecases.kyc.submit_pan import SubmitPanHandler


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
    registry.register(
        GetKycStatusHandler, lambda: GetKycStatusHandler(unit_of_work(container), users)
    )
    registry.register(
        GetKycResumeHandler, lambda: GetKycResumeHandler(unit_of_work(container), users)
    )


MODULE = ContextModule(name="kyc", register=register, routers=(Mounted(router),))
