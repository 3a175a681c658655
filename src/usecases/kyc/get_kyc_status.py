"""Use case: the state of each KYC step of a user, and their overall level."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.steps import STEP_SPECS, Step, kyc_level
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.kyc.access import subject_for
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.step_registry import READERS, StepStatus
from usecases.shared.ports.user_directory import UserDirectory

__all__ = ["GetKycStatus", "GetKycStatusHandler", "KycStatus", "StepStatus", "load_status"]


@dataclass(frozen=True, slots=True)
class KycStatus:
    user_id: UserId
    level: int
    steps: tuple[StepStatus, ...]

    def state_of(self, step: Step) -> StepStatus:
        return next(s for s in self.steps if s.step is step)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetKycStatus:
    actor: Actor
    user_code: str


async def load_status(uow: KycUnitOfWork, user_id: UserId) -> KycStatus:
    steps = tuple([await READERS[spec.step](uow, user_id) for spec in STEP_SPECS])
    state = {s.step: s.state for s in steps}
    level = kyc_level(state[Step.AADHAAR], state[Step.PAN], state[Step.BANK], state[Step.BUSINESS])
    return KycStatus(user_id, level, steps)


class GetKycStatusHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: GetKycStatus) -> KycStatus:
        user_id = await subject_for(cmd.actor, cmd.user_code, self._users)
        async with self._uow as uow:
            return await load_status(uow, user_id)
