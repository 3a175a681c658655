"""Use case: a reviewer approves or rejects (with a reason code and an optional note) a KYC
submission waiting in ``pending_review``.

The step's row is locked first, so of two reviewers deciding at once one wins and the other
gets 409 ``kyc_step_not_pending_review``. The decision is kept, the user's level recomputed and
written onto the user, the user notified and the change audited: all in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.kyc.review import (
    Decision,
    SelfReviewForbidden,
    SubmissionNotFound,
    decided_state,
    rejection,
)
from domain.kyc.steps import Step
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.get_review_submission import subject
from usecases.kyc.level_sync import sync_level
from usecases.kyc.messages import decision_message
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.review_access import reviewer
from usecases.kyc.review_ports import ReviewDecisionRecord, Submission


@dataclass(frozen=True, slots=True, kw_only=True)
class DecideSubmission:
    actor: Actor
    user_code: str
    step: Step
    decision: Decision
    reason: str | None = None  # a code of REJECTION_REASONS; required to reject
    note: str | None = None  # free text for the user; required with reason "other"


@dataclass(frozen=True, slots=True)
class DecisionResult:
    user_code: str
    submission: Submission
    level: int


class DecideSubmissionHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: DecideSubmission) -> DecisionResult:
        reviewer_id = reviewer(cmd.actor)
        reason, note = (
            rejection(cmd.reason, cmd.note) if cmd.decision is Decision.REJECT else (None, None)
        )
        user_id = await subject(self._users, cmd.user_code, cmd.step)
        if user_id == reviewer_id:
            raise SelfReviewForbidden("another reviewer must decide your own KYC")
        contact = await self._users.contact(user_id)
        async with self._uow as uow:
            current = await uow.submissions.get_for_update(user_id, cmd.step)
            if current is None or contact is None:
                raise SubmissionNotFound(f"no {cmd.step.value} submission for {cmd.user_code}")
            state = decided_state(current.state, cmd.decision)
            now = self._clock.now()
            await uow.submissions.set_state(user_id, cmd.step, state, reason, now)
            await uow.decisions.add(
                ReviewDecisionRecord(
                    user_id=user_id,
                    step=cmd.step,
                    decision=cmd.decision,
                    reason=reason,
                    note=note,
                    reviewer_id=reviewer_id,
                    decided_at=now,
                )
            )
            level = await sync_level(uow, user_id)
            await uow.notifier.notify(
                decision_message(
                    contact, cmd.step, cmd.decision, level=level.after, reason=reason, note=note
                )
            )
            uow.audit(
                AuditRecord(
                    action=f"kyc.{cmd.decision.value}_submission",
                    actor=cmd.actor,
                    resource_type=f"kyc_{cmd.step.value}",
                    resource_id=str(user_id),
                    before={"state": current.state.value, "level": level.before},
                    after={
                        "state": state.value,
                        "reason": reason,
                        "note": note,
                        "level": level.after,
                    },
                )
            )
            await uow.commit()
        decided = replace(current, state=state, reason=reason, updated_at=now)
        return DecisionResult(contact.code, decided, level.after)
