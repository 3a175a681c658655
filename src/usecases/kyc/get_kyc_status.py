"""Use case: the state of each KYC step of a user, and their overall level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from domain.kyc.levels import level_of, unlocked
from domain.kyc.steps import STEP_SPECS, Step
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.access import subject_for
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.public.kyc_gate import KycGate
from usecases.kyc.step_registry import READERS, StepStatus

__all__ = ["GetKycStatus", "GetKycStatusHandler", "KycStatus", "StepStatus", "load_status"]


@dataclass(frozen=True, slots=True)
class KycStatus:
    user_id: UserId
    level: int
    steps: tuple[StepStatus, ...]
    # Each capability (deposit, trade, ...) and whether the level unlocks it (KycGate).
    capabilities: Mapping[str, bool] = field(default_factory=dict)
    user_code: str = ""  # set by the use cases that answer a reader

    def state_of(self, step: Step) -> StepStatus:
        return next(s for s in self.steps if s.step is step)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetKycStatus:
    actor: Actor
    user_code: str | None = None  # None: the signed-in user's own


async def load_status(uow: KycUnitOfWork, user_id: UserId) -> KycStatus:
    steps = tuple([await READERS[spec.step](uow, user_id) for spec in STEP_SPECS])
    return KycStatus(user_id, level_of({s.step: s.state for s in steps}), steps)


class GetKycStatusHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory, gate: KycGate) -> None:
        self._uow = uow
        self._users = users
        self._gate = gate

    async def execute(self, cmd: GetKycStatus) -> KycStatus:
        user_id, code = await subject_for(cmd.actor, cmd.user_code, self._users)
        async with self._uow as uow:
            status = await load_status(uow, user_id)
        capabilities = unlocked(self._gate.required_levels, status.level)
        return replace(status, capabilities=capabilities, user_code=code)
