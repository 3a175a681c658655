"""Use case: one user's submission of one step for a reviewer — its state, the masked details
and the decisions taken on it so far."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.review import SubmissionNotFound
from domain.kyc.steps import Step
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.review_access import reviewer
from usecases.kyc.review_ports import ReviewDecisionRecord, Submission


@dataclass(frozen=True, slots=True)
class SubmissionView:
    user_code: str
    submission: Submission
    decisions: tuple[ReviewDecisionRecord, ...]  # newest first


@dataclass(frozen=True, slots=True, kw_only=True)
class GetReviewSubmission:
    actor: Actor
    user_code: str
    step: Step


async def subject(users: UserDirectory, user_code: str, step: Step) -> UserId:
    """The user behind a code in a reviewer's request (an unknown code: no submission)."""
    user_id = await users.user_id_for_code(user_code)
    if user_id is None:
        raise SubmissionNotFound(f"no {step.value} submission for {user_code}")
    return user_id


class GetReviewSubmissionHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: GetReviewSubmission) -> SubmissionView:
        reviewer(cmd.actor)
        user_id = await subject(self._users, cmd.user_code, cmd.step)
        async with self._uow as uow:
            submission = await uow.submissions.get(user_id, cmd.step)
            if submission is None:
                raise SubmissionNotFound(f"no {cmd.step.value} submission for {cmd.user_code}")
            history = await uow.decisions.history(user_id, cmd.step)
        codes = await self._users.codes_for({user_id})
        return SubmissionView(codes.get(user_id, cmd.user_code), submission, tuple(history))
