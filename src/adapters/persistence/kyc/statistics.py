"""The KYC context's implementation of the shared KycStatistics port: one grouped count per
step table (through the step registry), every recorded state present, zeros included."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from sqlalchemy import String, func, literal, select, union_all
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.kyc.step_registry import STEP_TABLES
from domain.kyc.levels import LEVELS
from domain.kyc.steps import StepState
from usecases.kyc.public.kyc_statistics import StepStateCounts

RECORDED_STATES = tuple(s.value for s in StepState if s is not StepState.NOT_STARTED)


class SqlKycStatistics:
    def __init__(self, session_factory: Callable[[], AsyncSession]) -> None:
        self._sessions = session_factory

    def levels(self) -> Sequence[int]:
        return LEVELS

    async def step_state_counts(self) -> list[StepStateCounts]:
        query = union_all(
            *(
                select(
                    literal(step.value, String).label("step"),
                    entry.column("state").label("state"),
                    func.count().label("n"),
                ).group_by(entry.column("state"))
                for step, entry in STEP_TABLES.items()
            )
        )
        async with self._sessions() as session:
            rows = (await session.execute(query)).all()
        counted = {(step, state): int(n) for step, state, n in rows}
        return [
            StepStateCounts(
                step=step.value,
                counts={state: counted.get((step.value, state), 0) for state in RECORDED_STATES},
            )
            for step in STEP_TABLES
        ]
