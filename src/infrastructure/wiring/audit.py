"""Audit context wiring."""

from __future__ import annotations

from adapters.http.audit.report_router import router as report_router
from adapters.http.audit.router import router
from adapters.http.registry import HandlerRegistry
from adapters.persistence.audit.repository import SqlAuditLog
from infrastructure.container import Container
from infrastructure.identity.public import identity_statistics, user_directory
from infrastructure.kyc.public import kyc_statistics
from infrastructure.wiring.module import ContextModule, Mounted
from usecases.audit.get_kyc_status_report import GetKycStatusReportHandler
from usecases.audit.get_login_activity_report import GetLoginActivityReportHandler
from usecases.audit.get_registration_funnel_report import GetRegistrationFunnelReportHandler
from usecases.audit.list_audit_events import ListAuditEventsHandler
from usecases.audit.list_user_audit_events import ListUserAuditEventsHandler
from usecases.audit.verify_audit_chain import VerifyAuditChainHandler


def register(registry: HandlerRegistry, container: Container) -> None:
    log = SqlAuditLog(container.session_factory)
    registry.register(ListAuditEventsHandler, lambda: ListAuditEventsHandler(log))
    registry.register(VerifyAuditChainHandler, lambda: VerifyAuditChainHandler(log))
    users = user_directory(container)
    registry.register(ListUserAuditEventsHandler, lambda: ListUserAuditEventsHandler(log, users))
    statistics = identity_statistics(container)
    registry.register(
        GetLoginActivityReportHandler,
        lambda: GetLoginActivityReportHandler(statistics, container.clock),
    )
    registry.register(
        GetRegistrationFunnelReportHandler,
        lambda: GetRegistrationFunnelReportHandler(statistics, container.clock),
    )
    kyc_stats = kyc_statistics(container)
    registry.register(
        GetKycStatusReportHandler,
        lambda: GetKycStatusReportHandler(kyc_stats, statistics),
    )


MODULE = ContextModule(
    name="audit", register=register, routers=(Mounted(router), Mounted(report_router))
)
