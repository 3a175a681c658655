"""How each KYC step's status is read: one entry per step of ``domain.kyc.steps.STEP_SPECS``,
so adding a step means adding its reader here, not editing the status or resume use cases."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Protocol

from domain.kyc.steps import Step, StepState
from domain.shared.ids import UserId
from usecases.kyc.ports import KycUnitOfWork


@dataclass(frozen=True, slots=True)
class StepStatus:
    step: Step
    state: StepState
    reason: str | None
    masked_number: str | None  # only ever the masked form (the GSTIN, public, for a business)


class _StepRow(Protocol):
    @property
    def state(self) -> StepState: ...

    @property
    def reason(self) -> str | None: ...


StatusReader = Callable[[KycUnitOfWork, UserId], Awaitable[StepStatus]]


def _status(step: Step, row: _StepRow | None, shown: str | None) -> StepStatus:
    if row is None:
        return StepStatus(step, StepState.NOT_STARTED, None, None)
    return StepStatus(step, row.state, row.reason, shown)


async def _aadhaar(uow: KycUnitOfWork, user_id: UserId) -> StepStatus:
    row = await uow.aadhaar.get(user_id)
    return _status(Step.AADHAAR, row, row.masked_number if row else None)


async def _pan(uow: KycUnitOfWork, user_id: UserId) -> StepStatus:
    row = await uow.pan.get(user_id)
    return _status(Step.PAN, row, row.masked_number if row else None)


async def _business(uow: KycUnitOfWork, user_id: UserId) -> StepStatus:
    row = await uow.business.get(user_id)
    return _status(Step.BUSINESS, row, row.gstin if row else None)


async def _bank(uow: KycUnitOfWork, user_id: UserId) -> StepStatus:
    row = await uow.bank.get(user_id)
    return _status(Step.BANK, row, row.masked_number if row else None)


READERS: dict[Step, StatusReader] = {
    Step.AADHAAR: _aadhaar,
    Step.PAN: _pan,
    Step.BUSINESS: _business,
    Step.BANK: _bank,
}
