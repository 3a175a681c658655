"""Use case: KYC progress for operators — for every KYC step how many users are in each state
(``not_started`` included: users with no record of the step), and how many users are at each
KYC level. Figures come from the KycStatistics and IdentityStatistics ports."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from usecases.audit.report_period import authorize_reports
from usecases.identity.public.identity_statistics import IdentityStatistics
from usecases.kyc.public.kyc_statistics import KycStatistics

NOT_STARTED = "not_started"


@dataclass(frozen=True, slots=True, kw_only=True)
class GetKycStatusReport:
    actor: Actor


@dataclass(frozen=True, slots=True, kw_only=True)
class StepStateCount:
    step: str
    state: str
    count: int


@dataclass(frozen=True, slots=True, kw_only=True)
class LevelCount:
    level: int
    users: int


@dataclass(frozen=True, slots=True, kw_only=True)
class KycStatusReport:
    users: int
    steps: list[StepStateCount]  # every step and state, zeros included
    levels: list[LevelCount]  # every level, lowest first, zeros included


class GetKycStatusReportHandler:
    def __init__(self, kyc: KycStatistics, identity: IdentityStatistics) -> None:
        self._kyc = kyc
        self._identity = identity

    async def execute(self, cmd: GetKycStatusReport) -> KycStatusReport:
        authorize_reports(cmd.actor)
        by_level = await self._identity.users_by_kyc_level()
        steps = await self._kyc.step_state_counts()
        users = sum(by_level.values())
        rows: list[StepStateCount] = []
        for step in steps:
            recorded = sum(step.counts.values())
            rows.append(
                StepStateCount(step=step.step, state=NOT_STARTED, count=max(users - recorded, 0))
            )
            rows.extend(
                StepStateCount(step=step.step, state=state, count=count)
                for state, count in step.counts.items()
            )
        known = sorted(set(self._kyc.levels()) | set(by_level))
        levels = [LevelCount(level=n, users=by_level.get(n, 0)) for n in known]
        return KycStatusReport(users=users, steps=rows, levels=levels)
