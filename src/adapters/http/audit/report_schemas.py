"""Schemas of the operator reports (login activity, registration funnel) and their CSV form."""

from __future__ import annotations

import csv
import io
from datetime import date

from pydantic import ConfigDict, Field

from adapters.http.audit.schemas import safe_cell
from adapters.http.read_model import ReadModel
from usecases.audit.get_login_activity_report import LoginActivityReport
from usecases.audit.get_registration_funnel_report import RegistrationFunnelReport


class ReportPeriodRead(ReadModel):
    since: date = Field(description="First UTC day of the report, included.")
    until: date = Field(description="Last UTC day of the report, included.")


class LoginDayRead(ReadModel):
    date: date
    successes: int
    failures: int


class FailingAccountRead(ReadModel):
    identifier: str = Field(description="What was typed to log in (normalised).")
    count: int = Field(description="Failed logins in the period.")


class FailingIpRead(ReadModel):
    ip: str
    count: int = Field(description="Failed logins in the period.")


class LoginActivityReportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": {"since": "2026-11-21", "until": "2026-11-22"},
                    "successes": 40,
                    "failures": 7,
                    "days": [
                        {"date": "2026-11-21", "successes": 18, "failures": 0},
                        {"date": "2026-11-22", "successes": 22, "failures": 7},
                    ],
                    "top_failing_accounts": [{"identifier": "priya@example.com", "count": 5}],
                    "top_failing_ips": [{"ip": "203.0.113.7", "count": 6}],
                }
            ]
        }
    )

    period: ReportPeriodRead
    successes: int = Field(description="Successful logins in the period.")
    failures: int = Field(
        description="Failed logins in the period (wrong credentials or second factor)."
    )
    days: list[LoginDayRead] = Field(description="Every UTC day of the period, oldest first.")
    top_failing_accounts: list[FailingAccountRead] = Field(description="At most 10, most first.")
    top_failing_ips: list[FailingIpRead] = Field(description="At most 10, most first.")

    @classmethod
    def of(cls, report: LoginActivityReport) -> LoginActivityReportRead:
        return cls.taking(
            report,
            days=[LoginDayRead.taking(d, date=d.day) for d in report.days],
            top_failing_accounts=[
                FailingAccountRead.taking(t, count=t.failures)
                for t in report.top_failing_identifiers
            ],
            top_failing_ips=[
                FailingIpRead.taking(t, count=t.failures) for t in report.top_failing_ips
            ],
        )


class FunnelConversionRead(ReadModel):
    from_step: str
    to_step: str
    ratio: float | None = Field(
        description="to_step / from_step, rounded to 4 places; null when from_step is 0."
    )


class RegistrationFunnelReportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "period": {"since": "2026-10-24", "until": "2026-11-22"},
                    "started": 200,
                    "email_verified": 150,
                    "mobile_verified": 120,
                    "completed": 100,
                    "expired": 60,
                    "conversions": [
                        {"from_step": "started", "to_step": "email_verified", "ratio": 0.75},
                        {"from_step": "email_verified", "to_step": "mobile_verified", "ratio": 0.8},
                        {"from_step": "mobile_verified", "to_step": "completed", "ratio": 0.8333},
                    ],
                }
            ]
        }
    )

    period: ReportPeriodRead
    started: int = Field(description="Registrations started in the period.")
    email_verified: int = Field(description="Of those, with the email verified.")
    mobile_verified: int = Field(description="Of those, with the mobile verified.")
    completed: int = Field(description="Of those, completed (an account was created).")
    expired: int = Field(description="Of those, abandoned: past their expiry, not completed.")
    conversions: list[FunnelConversionRead]

    @classmethod
    def of(cls, report: RegistrationFunnelReport) -> RegistrationFunnelReportRead:
        return cls.taking(report.counts, period=report.period, conversions=report.conversions)


LOGIN_ACTIVITY_CSV_COLUMNS = ("section", "key", "successes", "failures")


def login_activity_csv(report: LoginActivityReport) -> str:
    """One table: a ``day`` row per date, then ``account`` and ``ip`` rows (failures only)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(LOGIN_ACTIVITY_CSV_COLUMNS)
    for d in report.days:
        writer.writerow(["day", d.day.isoformat(), d.successes, d.failures])
    for t in report.top_failing_identifiers:
        writer.writerow(["account", safe_cell(t.identifier), "", t.failures])
    for i in report.top_failing_ips:
        writer.writerow(["ip", safe_cell(i.ip), "", i.failures])
    return out.getvalue()


FUNNEL_CSV_COLUMNS = ("step", "count", "conversion_from_previous")


def registration_funnel_csv(report: RegistrationFunnelReport) -> str:
    c = report.counts
    ratios = {v.to_step: v.ratio for v in report.conversions}
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(FUNNEL_CSV_COLUMNS)
    for step, count in (
        ("started", c.started),
        ("email_verified", c.email_verified),
        ("mobile_verified", c.mobile_verified),
        ("completed", c.completed),
        ("expired", c.expired),
    ):
        ratio = ratios.get(step)
        writer.writerow([step, count, "" if ratio is None else f"{ratio:.4f}"])
    return out.getvalue()
