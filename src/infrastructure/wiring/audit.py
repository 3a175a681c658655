"""Audit context wiring."""

from __future__ import annotations

from adapters.http.audit.report_router import router as report_router
from adapters.http.audit.router import router
from adapters.http.registry import HandlerRegistry
from adapters.persistence.audit.repository import SqlAuditLog
from adapters.persistence.identity.statistics import SqlIdentityStatistics
from adapters.persistence.kyc.statistics import SqlKycStatistics
from infrastructure.container import Container
from infrastructure.identity.kit import unit_of_work_factory
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.audit.get_kyc_status_report import GetKycStatusReportHandler
from usecases.audit.get_login_activity_report import GetLoginActivityReportHandler
from usecases.audit.get_registration_funnel_report import GetRegistrationFunnelReportHandler
from usecases.audit.list_audit_events import ListAuditEventsHandler
from usecases.audit.list_user_audit_events import ListUserAuditEventsHandler
from usecases.audit.verify_audit_chain import VerifyAuditChainHandler
from usecases.identity.user_directory import IdentityUserDirectory


def register(registry: HandlerRegistry, container: Container) -> None:
    log = SqlAuditLog(container.session_factory)
    registry.register(ListAuditEventsHandler, lambda: ListAuditEventsHandler(log))
    registry.register(VerifyAuditChainHandler, lambda: VerifyAuditChainHandler(log))
    users = IdentityUserDirectory(unit_of_work_factory(container, require_audit=False))
    registry.register(ListUserAuditEventsHandler, lambda: ListUserAuditEventsHandler(log, users))
    statistics = SqlIdentityStatistics(container.session_factory)
    registry.register(
        GetLoginActivityReportHandler,
        lambda: GetLoginActivityReportHandler(statistics, container.clock),
    )
    registry.register(
        GetRegistrationFunnelReportHandler,
        lambda: GetRegistrationFunnelReportHandler(statistics, container.clock),
    )
    kyc_statistics = SqlKycStatistics(container.session_factory)
    registry.register(
        GetKycStatusReportHandler,
        lambda: GetKycStatusReportHandler(kyc_statistics, statistics),
    )


MODULE = ContextModule(
    name="audit", register=register, routers=(Mounted(router), Mounted(report_router))
)
