"""Schemas of the KYC review queue. Details are the masked forms only."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, ConfigDict, Field, JsonValue

from adapters.http.paging import NextCursor
from adapters.http.read_model import ReadModel
from domain.kyc.review import NOTE_MAX_LENGTH, REJECTION_REASONS, Decision
from domain.kyc.steps import Step, StepState
from usecases.kyc.decide_submission import DecisionResult
from usecases.kyc.get_review_submission import SubmissionView
from usecases.kyc.list_review_queue import QueueItem
from usecases.kyc.review_ports import Detail, Submission

_DETAILS_EXAMPLE: dict[str, JsonValue] = {
    "masked_number": "XXXX XXXX 2346",
    "name": "Asha Verma",
    "date_of_birth": "1990-04-12",
}
_ITEM_EXAMPLE: dict[str, JsonValue] = {
    "user_code": "USR-7K2M9Q",
    "step": "aadhaar",
    "state": "pending_review",
    "reason": None,
    "submitted_at": "2026-11-22T09:30:00Z",
    "details": _DETAILS_EXAMPLE,
}


class ReviewItemRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_ITEM_EXAMPLE]})

    user_code: str
    step: Step
    state: StepState
    reason: str | None
    submitted_at: datetime
    details: dict[str, Detail] = Field(
        description="What the reviewer needs: masked numbers, names, dates, match scores."
    )

    @classmethod
    def of(cls, user_code: str, s: Submission) -> ReviewItemRead:
        return cls.taking(s, user_code=user_code)


class ReviewPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_ITEM_EXAMPLE], "next_cursor": None}]}
    )

    items: list[ReviewItemRead] = Field(description="Oldest submission first.")
    next_cursor: NextCursor

    @classmethod
    def of(cls, items: list[QueueItem], next_cursor: str | None) -> ReviewPage:
        return cls(
            items=[ReviewItemRead.of(i.user_code, i.submission) for i in items],
            next_cursor=next_cursor,
        )


class ReviewDecisionHistoryRead(ReadModel):
    decision: Decision
    reason: str | None
    note: str | None
    decided_at: datetime


class ReviewSubmissionRead(ReviewItemRead):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [_ITEM_EXAMPLE | {"updated_at": "2026-11-22T09:30:00Z", "decisions": []}]
        }
    )

    updated_at: datetime
    decisions: list[ReviewDecisionHistoryRead] = Field(description="Newest first.")

    @classmethod
    def of_view(cls, view: SubmissionView) -> ReviewSubmissionRead:
        return cls.taking(view.submission, user_code=view.user_code, decisions=view.decisions)


class ReviewRejectionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [{"reason": "document_unreadable", "note": "The photo is blurred."}]
        }
    )

    reason: str = Field(
        max_length=60,
        description="One of: " + ", ".join(f"`{code}`" for code in REJECTION_REASONS) + ".",
    )
    note: str | None = Field(
        default=None,
        max_length=NOTE_MAX_LENGTH,
        description="Shown to the user; required with `other`; no identity numbers.",
    )


class ReviewDecisionRead(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {
                    "user_code": "USR-7K2M9Q",
                    "step": "aadhaar",
                    "state": "rejected",
                    "reason": "document_unreadable",
                    "level": 1,
                }
            ]
        }
    )

    user_code: str
    step: Step
    state: StepState
    reason: str | None
    level: int = Field(description="The user's KYC level after the decision.")

    @classmethod
    def of(cls, result: DecisionResult) -> ReviewDecisionRead:
        return cls.taking(result.submission, user_code=result.user_code, level=result.level)
