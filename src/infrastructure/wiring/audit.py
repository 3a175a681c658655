"""Audit context wiring. The statistics of its reports are identity's and KYC's public ports,
provided by those contexts' wiring and taken by type."""

from __future__ import annotations

from adapters.http.audit.report_router import router as report_router
from adapters.http.audit.router import router
from adapters.persistence.audit.repository import SqlAuditLog
from infrastructure.wiring.module import ContextModule, Mounted
from infrastructure.wiring.providers import once
from usecases.audit.get_kyc_status_report import GetKycStatusReportHandler
from usecases.audit.get_login_activity_report import GetLoginActivityReportHandler
from usecases.audit.get_registration_funnel_report import GetRegistrationFunnelReportHandler
from usecases.audit.list_audit_events import ListAuditEventsHandler
from usecases.audit.list_user_audit_events import ListUserAuditEventsHandler
from usecases.audit.ports import AuditLog
from usecases.audit.verify_audit_chain import VerifyAuditChainHandler

MODULE = ContextModule(
    name="audit",
    handlers=(
        ListAuditEventsHandler,
        VerifyAuditChainHandler,
        ListUserAuditEventsHandler,
        GetLoginActivityReportHandler,
        GetRegistrationFunnelReportHandler,
        GetKycStatusReportHandler,
    ),
    collaborators=(once(AuditLog, SqlAuditLog),),
    routers=(Mounted(router), Mounted(report_router)),
)
