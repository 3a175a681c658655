"""KYC statistics port: aggregate figures about KYC steps for reports in other contexts (audit),
without reading KYC's tables. The KYC context implements it with SQL counts."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class StepStateCounts:
    """How many users have a step in each state that has a record (every such state is present,
    zeros included; ``not_started`` — no record — is not counted here)."""

    step: str
    counts: Mapping[str, int]


class KycStatistics(Protocol):
    async def step_state_counts(self) -> list[StepStateCounts]:
        """Every step, in the order a user walks them."""
        ...

    def levels(self) -> Sequence[int]:
        """Every KYC level there is, lowest first."""
        ...
