"""Risk activity port: risky events other contexts score (banking's unusual withdrawal
velocity), listed with identity's risky logins under
``GET /api/v1/security/suspicious-activity/{user_code}``. Banking implements a source;
identity's use case merges the sources it is given (wiring injects them)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Protocol
from uuid import UUID

from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True)
class RiskReason:
    rule: str  # e.g. withdrawal_burst
    points: int
    reason: str


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskActivity:
    id: UUID  # UUIDv7
    user_id: UserId
    event: str  # e.g. withdrawal_challenged, withdrawal_blocked
    succeeded: bool  # whether what was attempted went ahead
    reason: str | None
    occurred_at: datetime
    score: int
    reasons: tuple[RiskReason, ...]


class RiskActivitySource(Protocol):
    async def suspicious(
        self,
        user_id: UserId,
        *,
        min_score: int,
        before: tuple[datetime, UUID] | None,
        limit: int,
    ) -> list[RiskActivity]:
        """The user's events scoring ``min_score`` or more, newest first (by time, then id),
        strictly before ``before`` when given."""
        ...
