from decimal import Decimal

import pytest

from domain.banking.withdrawal_limits import (
    DailyWithdrawalLimitExceeded,
    WithdrawalLimitExceeded,
    WithdrawalLimits,
)

LIMITS = WithdrawalLimits(
    per_transaction=Decimal("200000"), daily=Decimal("500000"), step_up_above=Decimal("50000")
)


def test_small_withdrawals_pass_without_step_up() -> None:
    assert LIMITS.check(Decimal("50000"), withdrawn_today=Decimal(0)) is False


def test_above_the_threshold_needs_a_second_factor() -> None:
    assert LIMITS.check(Decimal("50000.01"), withdrawn_today=Decimal(0)) is True


def test_over_the_per_transaction_cap_is_refused_naming_the_amount() -> None:
    with pytest.raises(WithdrawalLimitExceeded) as caught:
        LIMITS.check(Decimal("200000.01"), withdrawn_today=Decimal(0))
    assert caught.value.errors[0].field == "amount"
    assert caught.value.error_code == "withdrawal_limit_exceeded"


def test_the_daily_cap_counts_what_was_already_withdrawn_today() -> None:
    assert LIMITS.check(Decimal("100000"), withdrawn_today=Decimal("400000")) is True
    with pytest.raises(DailyWithdrawalLimitExceeded, match=r"100000 is left"):
        LIMITS.check(Decimal("100000.01"), withdrawn_today=Decimal("400000"))
