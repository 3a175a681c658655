"""Schema of the KYC status report and its CSV form."""

from __future__ import annotations

import csv
import io

from pydantic import ConfigDict, Field

from adapters.http.read_model import ReadModel
from usecases.audit.get_kyc_status_report import KycStatusReport


class KycStepStateCountRead(ReadModel):
    step: str
    state: str = Field(description="not_started, submitted, pending_review, verified, rejected.")
    count: int


class KycLevelCountRead(ReadModel):
    level: int
    users: int


class KycStatusReportRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "users": 10,
                    "steps": [
                        {"step": "pan", "state": "not_started", "count": 4},
                        {"step": "pan", "state": "submitted", "count": 0},
                        {"step": "pan", "state": "pending_review", "count": 0},
                        {"step": "pan", "state": "verified", "count": 5},
                        {"step": "pan", "state": "rejected", "count": 1},
                    ],
                    "levels": [
                        {"level": 0, "users": 5},
                        {"level": 1, "users": 3},
                        {"level": 2, "users": 2},
                    ],
                }
            ]
        }
    )

    users: int = Field(description="Registered users.")
    steps: list[KycStepStateCountRead] = Field(
        description="Every step and state, zeros included; `not_started`: no submission."
    )
    levels: list[KycLevelCountRead] = Field(description="Users at each KYC level, lowest first.")


KYC_STATUS_CSV_COLUMNS = ("section", "step", "state_or_level", "count")


def kyc_status_csv(report: KycStatusReport) -> str:
    """One table: a ``step`` row per step and state, then a ``level`` row per level."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(KYC_STATUS_CSV_COLUMNS)
    for s in report.steps:
        writer.writerow(["step", s.step, s.state, s.count])
    for n in report.levels:
        writer.writerow(["level", "", n.level, n.users])
    return out.getvalue()
