"""Operator reports built from identity's figures: login activity and the registration funnel."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query
from fastapi.responses import Response
from fastapi.routing import APIRouter

from adapters.http.audit.kyc_report_schemas import KycStatusReportRead, kyc_status_csv
from adapters.http.audit.report_schemas import (
    LoginActivityReportRead,
    RegistrationFunnelReportRead,
    login_activity_csv,
    registration_funnel_csv,
)
from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.policy import access, permission
from adapters.http.registry import provide
from adapters.http.temporal import IsoDate
from domain.shared.errors import PermissionDenied, ValidationFailed
from usecases.audit.get_kyc_status_report import GetKycStatusReport, GetKycStatusReportHandler
from usecases.audit.get_login_activity_report import (
    GetLoginActivityReport,
    GetLoginActivityReportHandler,
)
from usecases.audit.get_registration_funnel_report import (
    GetRegistrationFunnelReport,
    GetRegistrationFunnelReportHandler,
)
from usecases.audit.report_period import PERMISSION, ReportPeriod

router = APIRouter(prefix="/reports", tags=["audit"])

Since = Annotated[
    IsoDate | None,
    Query(description="First UTC day, included (default: 29 days before `until`)."),
]
Until = Annotated[IsoDate | None, Query(description="Last UTC day, included (default: today).")]
Format = Annotated[Literal["json", "csv"], Query(description="`csv` for a spreadsheet export.")]


def _csv_response(description: str) -> dict[int | str, dict[str, Any]]:
    return {
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}, "description": description}
    }


def _csv(text: str, name: str, period: ReportPeriod) -> Response:
    filename = f"{name}-{period.since.isoformat()}-{period.until.isoformat()}.csv"
    return Response(
        text,
        media_type="text/csv",
        headers={"Content-Disposition": f'attachment; filename="{filename}"'},
    )


@router.get(
    "/login-activity",
    summary="Logins per day and the most failing accounts and IPs (reports:read)",
    response_model=LoginActivityReportRead,
    responses={
        **_csv_response("The report as JSON, or as CSV with `format=csv`."),
        **errors(PermissionDenied, ValidationFailed),
    },
)
@access(permission(PERMISSION))
async def get_login_activity_report(
    actor: CurrentActor,
    handler: Annotated[GetLoginActivityReportHandler, provide(GetLoginActivityReportHandler)],
    since: Since = None,
    until: Until = None,
    format: Format = "json",
) -> LoginActivityReportRead | Response:
    report = await handler.execute(GetLoginActivityReport(actor=actor, since=since, until=until))
    if format == "csv":
        return _csv(login_activity_csv(report), "login-activity", report.period)
    return LoginActivityReportRead.of(report)


@router.get(
    "/registration-funnel",
    summary="Registrations started and how far they got, with conversions (reports:read)",
    response_model=RegistrationFunnelReportRead,
    responses={
        **_csv_response("The report as JSON, or as CSV with `format=csv`."),
        **errors(PermissionDenied, ValidationFailed),
    },
)
@access(permission(PERMISSION))
async def get_registration_funnel_report(
    actor: CurrentActor,
    handler: Annotated[
        GetRegistrationFunnelReportHandler, provide(GetRegistrationFunnelReportHandler)
    ],
    since: Since = None,
    until: Until = None,
    format: Format = "json",
) -> RegistrationFunnelReportRead | Response:
    report = await handler.execute(
        GetRegistrationFunnelReport(actor=actor, since=since, until=until)
    )
    if format == "csv":
        return _csv(registration_funnel_csv(report), "registration-funnel", report.period)
    return RegistrationFunnelReportRead.of(report)


@router.get(
    "/kyc-status",
    summary="Users per KYC step and state, and per KYC level (reports:read)",
    response_model=KycStatusReportRead,
    responses={
        **_csv_response("The report as JSON, or as CSV with `format=csv`."),
        **errors(PermissionDenied),
    },
)
@access(permission(PERMISSION))
async def get_kyc_status_report(
    actor: CurrentActor,
    handler: Annotated[GetKycStatusReportHandler, provide(GetKycStatusReportHandler)],
    format: Format = "json",
) -> KycStatusReportRead | Response:
    report = await handler.execute(GetKycStatusReport(actor=actor))
    if format == "csv":
        return Response(
            kyc_status_csv(report),
            media_type="text/csv",
            headers={"Content-Disposition": 'attachment; filename="kyc-status.csv"'},
        )
    return KycStatusReportRead.of(report)
