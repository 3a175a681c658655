"""The reviewers' queue (``kyc:review``): pending submissions, one submission, decisions."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from adapters.http.auth import CurrentActor
from adapters.http.errors import errors
from adapters.http.kyc.review_schemas import (
    ReviewDecisionRead,
    ReviewPage,
    ReviewRejectionCreate,
    ReviewSubmissionRead,
)
from adapters.http.paging import DEFAULT_LIMIT, Cursor, Limit
from adapters.http.policy import access, permission
from adapters.http.registry import provide
from domain.kyc.review import (
    Decision,
    SelfReviewForbidden,
    StepNotPendingReview,
    SubmissionNotFound,
)
from domain.kyc.steps import Step
from domain.shared.errors import PermissionDenied, ValidationFailed
from domain.shared.pagination import PageRequest
from usecases.kyc.access import KYC_REVIEW
from usecases.kyc.decide_submission import DecideSubmission, DecideSubmissionHandler
from usecases.kyc.get_review_submission import GetReviewSubmission, GetReviewSubmissionHandler
from usecases.kyc.list_review_queue import ListReviewQueue, ListReviewQueueHandler

router = APIRouter(prefix="/kyc/reviews", tags=["kyc"])

UserCode = Annotated[str, Path(max_length=40, description="The user's code, e.g. USR-7K2M9Q.")]
StepPath = Annotated[Step, Path(description="The KYC step.")]
DecideDep = Annotated[DecideSubmissionHandler, provide(DecideSubmissionHandler)]
DECISION_ERRORS = errors(
    PermissionDenied, SelfReviewForbidden, SubmissionNotFound, StepNotPendingReview
)


@router.get(
    "",
    summary="Submissions awaiting a review, oldest first (kyc:review)",
    responses=errors(PermissionDenied, ValidationFailed),
)
@access(permission(KYC_REVIEW))
async def list_reviews(
    actor: CurrentActor,
    handler: Annotated[ListReviewQueueHandler, provide(ListReviewQueueHandler)],
    step: Annotated[Step | None, Query(description="Only this step.")] = None,
    limit: Limit = DEFAULT_LIMIT,
    cursor: Cursor = None,
) -> ReviewPage:
    page = await handler.execute(
        ListReviewQueue(actor=actor, step=step, page=PageRequest(limit, cursor))
    )
    return ReviewPage.of(list(page.items), page.next_cursor)


@router.get(
    "/{user_code}/{step}",
    summary="One submission with its masked details and past decisions (kyc:review)",
    responses=errors(PermissionDenied, SubmissionNotFound),
)
@access(permission(KYC_REVIEW))
async def get_review(
    user_code: UserCode,
    step: StepPath,
    actor: CurrentActor,
    handler: Annotated[GetReviewSubmissionHandler, provide(GetReviewSubmissionHandler)],
) -> ReviewSubmissionRead:
    view = await handler.execute(GetReviewSubmission(actor=actor, user_code=user_code, step=step))
    return ReviewSubmissionRead.of_view(view)


@router.post(
    "/{user_code}/{step}/approve",
    summary="Approve a submission awaiting review: the step is verified (kyc:review)",
    responses=DECISION_ERRORS,
)
@access(permission(KYC_REVIEW))
async def approve_review(
    user_code: UserCode, step: StepPath, actor: CurrentActor, handler: DecideDep
) -> ReviewDecisionRead:
    result = await handler.execute(
        DecideSubmission(actor=actor, user_code=user_code, step=step, decision=Decision.APPROVE)
    )
    return ReviewDecisionRead.of(result)


@router.post(
    "/{user_code}/{step}/reject",
    summary="Reject a submission awaiting review, with a reason (kyc:review)",
    responses={**DECISION_ERRORS, **errors(ValidationFailed)},
)
@access(permission(KYC_REVIEW))
async def reject_review(
    user_code: UserCode,
    step: StepPath,
    body: ReviewRejectionCreate,
    actor: CurrentActor,
    handler: DecideDep,
) -> ReviewDecisionRead:
    result = await handler.execute(
        DecideSubmission(
            actor=actor,
            user_code=user_code,
            step=step,
            decision=Decision.REJECT,
            reason=body.reason,
            note=body.note,
        )
    )
    return ReviewDecisionRead.of(result)
