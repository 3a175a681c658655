"""Banking's policy from settings, handed to its use cases by the wiring."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from domain.banking.velocity import VelocityPolicy
from domain.banking.withdrawal_limits import WithdrawalLimits


@dataclass(frozen=True, slots=True, kw_only=True)
class BankingConfig:
    currencies: frozenset[str]
    deposit_max: Decimal
    limits: WithdrawalLimits
    velocity: VelocityPolicy
    idempotency_ttl: timedelta
    rail_max_attempts: int
