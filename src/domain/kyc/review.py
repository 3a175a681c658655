"""Review decisions on a KYC step: approve or reject (with a reason code) a submission that
waits in ``pending_review``, and the rules around it."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Final

from domain.kyc.steps import StepState
from domain.shared.errors import Conflict, NotFound, PermissionDenied, invalid_field


class Decision(StrEnum):
    APPROVE = "approve"
    REJECT = "reject"


# Why a reviewer rejects a submission: the stable code goes into the step's ``reason``, the
# description into the message to the user.
REJECTION_REASONS: Final[dict[str, str]] = {
    "document_unreadable": "the document could not be read",
    "details_mismatch": "the details do not match the document",
    "name_mismatch": "the name does not match your registered name",
    "document_expired": "the document has expired",
    "suspected_fraud": "the submission could not be accepted",
    "other": "see the reviewer's note",
}
NOTE_MAX_LENGTH: Final = 500
# A note must not carry an identity number (it is shown to the user and kept in the audit).
_IDENTIFIER = re.compile(r"\d[\d -]{6,}\d|[A-Za-z]{5}\d{4}[A-Za-z]")


class SubmissionNotFound(NotFound):
    code = "kyc_submission_not_found"
    title = "KYC submission not found"


class StepNotPendingReview(Conflict):
    code = "kyc_step_not_pending_review"
    title = "KYC step is not awaiting a review"


class SelfReviewForbidden(PermissionDenied):
    code = "kyc_self_review"
    title = "Reviewers cannot decide their own KYC"


def decided_state(current: StepState, decision: Decision) -> StepState:
    """The state a decision moves a step to; only a step in ``pending_review`` is decided, so a
    second reviewer deciding the same submission gets a conflict."""
    if current is not StepState.PENDING_REVIEW:
        raise StepNotPendingReview(
            f"the step is {current.value}: only a step in pending_review can be decided"
        )
    return StepState.VERIFIED if decision is Decision.APPROVE else StepState.REJECTED


def rejection(reason: str | None, note: str | None) -> tuple[str, str | None]:
    """A checked rejection reason code and the cleaned note (required for ``other``)."""
    if reason is None or reason not in REJECTION_REASONS:
        raise invalid_field(
            "reason", f"one of {', '.join(REJECTION_REASONS)}", code="unknown_reason"
        )
    cleaned = clean_note(note)
    if reason == "other" and cleaned is None:
        raise invalid_field("note", "a note is required with reason 'other'", code="required")
    return reason, cleaned


def clean_note(note: str | None) -> str | None:
    if note is None or not note.strip():
        return None
    cleaned = " ".join(note.split())
    if len(cleaned) > NOTE_MAX_LENGTH:
        raise invalid_field("note", f"at most {NOTE_MAX_LENGTH} characters", code="too_long")
    if _IDENTIFIER.search(cleaned):
        raise invalid_field(
            "note", "must not contain an identity number", code="contains_identifier"
        )
    return cleaned
