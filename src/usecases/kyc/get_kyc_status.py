"""Use case: the state of each KYC step of a user, and their overall level."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from domain.kyc.levels import unlocked
from domain.kyc.steps import AadhaarStep, PanStep, Step, StepState, kyc_level
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from usecases.kyc.access import subject_for
from usecases.kyc.ports import KycUnitOfWork
from usecases.shared.ports.kyc_gate import KycGate
from usecases.shared.ports.user_directory import UserDirectory


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: Step
    state: StepState
    reason: str | None
    masked_number: str | None  # only ever the masked form


@dataclass(frozen=True, slots=True)
class KycStatus:
    user_id: UserId
    level: int
    steps: tuple[StepStatus, ...]
    # Each capability (deposit, trade, ...) and whether the level unlocks it (KycGate).
    capabilities: Mapping[str, bool] = field(default_factory=dict)

    def state_of(self, step: Step) -> StepStatus:
        return next(s for s in self.steps if s.step is step)


@dataclass(frozen=True, slots=True, kw_only=True)
class GetKycStatus:
    actor: Actor
    user_code: str


def _aadhaar(step: AadhaarStep | None) -> StepStatus:
    if step is None:
        return StepStatus(Step.AADHAAR, StepState.NOT_STARTED, None, None)
    return StepStatus(Step.AADHAAR, step.state, step.reason, step.masked_number)


def _pan(step: PanStep | None) -> StepStatus:
    if step is None:
        return StepStatus(Step.PAN, StepState.NOT_STARTED, None, None)
    return StepStatus(Step.PAN, step.state, step.reason, step.masked_pan)


async def load_status(uow: KycUnitOfWork, user_id: UserId) -> KycStatus:
    aadhaar = _aadhaar(await uow.aadhaar.get(user_id))
    pan = _pan(await uow.pan.get(user_id))
    return KycStatus(user_id, kyc_level(aadhaar.state, pan.state), (aadhaar, pan))


class GetKycStatusHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory, gate: KycGate) -> None:
        self._uow = uow
        self._users = users
        self._gate = gate

    async def execute(self, cmd: GetKycStatus) -> KycStatus:
        user_id = await subject_for(cmd.actor, cmd.user_code, self._users)
        async with self._uow as uow:
            status = await load_status(uow, user_id)
        return replace(status, capabilities=unlocked(self._gate.required_levels, status.level))
