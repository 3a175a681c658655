"""Unusual withdrawal velocity: a pure rule scoring a withdrawal against the user's recent ones.

Two signals, each with points and a human reason:

- ``withdrawal_burst``: more withdrawals in the last hour (this one included) than
  ``hourly_count`` allows: 50 points for the first one over, 20 more for each further one;
- ``withdrawal_volume``: the last 24 hours' withdrawals plus this one above ``daily_amount``:
  40 points, 60 when above twice that.

The score is their sum, at most 100. At or above ``challenge_threshold`` the withdrawal needs a
second factor (like a step-up); at or above ``block_threshold`` it is refused."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import Final

from domain.shared.errors import PermissionDenied

MAX_SCORE: Final = 100
BURST_FIRST: Final = 50
BURST_EACH_MORE: Final = 20
VOLUME: Final = 40
VOLUME_DOUBLE: Final = 60


class VelocityRule(StrEnum):
    BURST = "withdrawal_burst"
    VOLUME = "withdrawal_volume"


class VelocityDecision(StrEnum):
    ALLOW = "allow"
    SECOND_FACTOR = "second_factor"
    BLOCK = "block"


class WithdrawalBlockedRisk(PermissionDenied):
    code = "withdrawal_blocked_risk"
    title = "Withdrawal refused: unusual withdrawal activity"


@dataclass(frozen=True, slots=True)
class VelocityHit:
    rule: VelocityRule
    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class VelocityAssessment:
    score: int
    hits: tuple[VelocityHit, ...]
    decision: VelocityDecision

    @property
    def reasons(self) -> list[dict[str, object]]:
        return [{"rule": h.rule.value, "points": h.points, "reason": h.reason} for h in self.hits]


@dataclass(frozen=True, slots=True)
class RecentWithdrawals:
    """The user's withdrawals that count (pending or settled), before this one."""

    count_last_hour: int
    sum_last_24h: Decimal


@dataclass(frozen=True, slots=True, kw_only=True)
class VelocityPolicy:
    hourly_count: int
    daily_amount: Decimal
    challenge_threshold: int
    block_threshold: int

    def __post_init__(self) -> None:
        if not 0 <= self.challenge_threshold <= self.block_threshold <= MAX_SCORE:
            raise ValueError("thresholds: 0 <= challenge <= block <= 100")

    def assess(self, amount: Decimal, recent: RecentWithdrawals) -> VelocityAssessment:
        hits: list[VelocityHit] = []
        count = recent.count_last_hour + 1
        if count > self.hourly_count:
            over = count - self.hourly_count
            points = BURST_FIRST + BURST_EACH_MORE * (over - 1)
            hits.append(
                VelocityHit(
                    VelocityRule.BURST,
                    points,
                    f"{count} withdrawals in the last hour (usual at most {self.hourly_count})",
                )
            )
        total = recent.sum_last_24h + amount
        if total > self.daily_amount:
            points = VOLUME_DOUBLE if total > 2 * self.daily_amount else VOLUME
            hits.append(
                VelocityHit(
                    VelocityRule.VOLUME,
                    points,
                    f"{total} withdrawn in 24 hours (usual at most {self.daily_amount})",
                )
            )
        score = min(MAX_SCORE, sum(h.points for h in hits))
        return VelocityAssessment(score, tuple(hits), self.decide(score))

    def decide(self, score: int) -> VelocityDecision:
        if score >= self.block_threshold:
            return VelocityDecision.BLOCK
        if score >= self.challenge_threshold:
            return VelocityDecision.SECOND_FACTOR
        return VelocityDecision.ALLOW
