"""Withdrawal limits: a per-transaction cap, a daily cap, and a step-up threshold above which
the user must pass a second factor."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from domain.shared.errors import FieldError, RuleViolated


class WithdrawalLimitExceeded(RuleViolated):
    code = "withdrawal_limit_exceeded"
    title = "Withdrawal limit exceeded"


class DailyWithdrawalLimitExceeded(WithdrawalLimitExceeded):
    code = "daily_withdrawal_limit_exceeded"
    title = "Daily withdrawal limit exceeded"


@dataclass(frozen=True, slots=True)
class WithdrawalLimits:
    per_transaction: Decimal
    daily: Decimal
    step_up_above: Decimal

    def check(self, amount: Decimal, *, withdrawn_today: Decimal) -> bool:
        """Refuse what breaks a limit; return whether the amount needs a step-up (2FA)."""
        if amount > self.per_transaction:
            code = WithdrawalLimitExceeded.code
            raise WithdrawalLimitExceeded(
                f"a single withdrawal may not exceed {self.per_transaction}",
                errors=[FieldError("amount", "over the per-transaction limit", code)],
            )
        if withdrawn_today + amount > self.daily:
            left = max(self.daily - withdrawn_today, Decimal(0))
            raise DailyWithdrawalLimitExceeded(
                f"the daily withdrawal limit is {self.daily}; {left} is left today",
                errors=[
                    FieldError("amount", "over the daily limit", DailyWithdrawalLimitExceeded.code)
                ],
            )
        return amount > self.step_up_above
