"""The overall KYC level from every step's state, and which capabilities a level unlocks."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Final

from domain.kyc.steps import Step, StepState, kyc_level

# Every value ``kyc_level`` can return, lowest first (reports list each, zeros included).
LEVELS: Final = (0, 1, 2, 3)


def level_of(states: Mapping[Step, StepState]) -> int:
    """The level for a user's step states (a step without an entry is not started). The one
    place that maps the generic step states onto ``kyc_level``'s arguments."""

    def state(step: Step) -> StepState:
        return states.get(step, StepState.NOT_STARTED)

    return kyc_level(state(Step.AADHAAR), state(Step.PAN), state(Step.BANK), state(Step.BUSINESS))


def unlocked(required: Mapping[str, int], level: int) -> dict[str, bool]:
    """Each capability and whether ``level`` reaches the level it needs."""
    return {capability: level >= needed for capability, needed in sorted(required.items())}
