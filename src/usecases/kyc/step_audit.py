"""The audit record of a step submission: the step's previous state and the user's level before,
the new state and level after, plus the step's own (masked) details."""

from __future__ import annotations

from collections.abc import Mapping

from domain.kyc.steps import StepState
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.ids import UserId
from usecases.kyc.level_sync import LevelChange


def step_submitted(
    action: str,
    resource_type: str,
    *,
    actor: Actor,
    user_id: UserId,
    previous: StepState | None,
    state: StepState,
    level: LevelChange,
    details: Mapping[str, object],
) -> AuditRecord:
    return AuditRecord(
        action=action,
        actor=actor,
        resource_type=resource_type,
        resource_id=str(user_id),
        before={"level": level.before} | ({} if previous is None else {"state": previous.value}),
        after={"level": level.after, "state": state.value} | dict(details),
    )
