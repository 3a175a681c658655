"""Use case: where a user stopped: the next step to do and what it needs."""

from __future__ import annotations

from dataclasses import dataclass, replace

from domain.kyc.steps import SPECS, STEP_SPECS, Step, StepState
from domain.shared.actor import Actor
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.access import subject_for
from usecases.kyc.get_kyc_status import KycStatus, load_status
from usecases.kyc.ports import KycUnitOfWork

TO_DO = {StepState.NOT_STARTED, StepState.REJECTED, StepState.SUBMITTED}


@dataclass(frozen=True, slots=True)
class KycResume:
    status: KycStatus
    next_step: Step | None  # None: nothing for the user to do now
    requires: tuple[str, ...]
    reason: str | None  # why the next step must be done again, when it was rejected
    waiting_on: tuple[Step, ...]  # steps awaiting a review
    optional: tuple[Step, ...] = ()  # optional steps not started (business details)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetKycResume:
    actor: Actor
    user_code: str | None = None  # None: the signed-in user's own


class GetKycResumeHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: GetKycResume) -> KycResume:
        user_id, code = await subject_for(cmd.actor, cmd.user_code, self._users)
        async with self._uow as uow:
            status = replace(await load_status(uow, user_id), user_code=code)
        skipped = tuple(
            spec.step
            for spec in STEP_SPECS
            if spec.optional and status.state_of(spec.step).state is StepState.NOT_STARTED
        )
        required = [s for s in status.steps if s.step not in skipped]
        pending = next((s for s in required if s.state in TO_DO), None)
        waiting = tuple(s.step for s in status.steps if s.state is StepState.PENDING_REVIEW)
        if pending is None:
            return KycResume(status, None, (), None, waiting, skipped)
        requires = SPECS[pending.step].needs(pending.reason)
        return KycResume(status, pending.step, requires, pending.reason, waiting, skipped)
