from decimal import Decimal

import pytest

from domain.banking.amounts import parse_amount
from domain.banking.rail import RailEventType
from domain.banking.velocity import RecentWithdrawals, VelocityDecision, VelocityPolicy
from domain.shared.errors import ValidationFailed

POLICY = VelocityPolicy(
    hourly_count=3, daily_amount=Decimal("200000"), challenge_threshold=50, block_threshold=90
)


def recent(count: int = 0, total: str = "0") -> RecentWithdrawals:
    return RecentWithdrawals(count_last_hour=count, sum_last_24h=Decimal(total))


def test_ordinary_withdrawals_score_nothing() -> None:
    assessment = POLICY.assess(Decimal("5000"), recent(2, "10000"))
    assert (assessment.score, assessment.hits, assessment.decision) == (
        0,
        (),
        VelocityDecision.ALLOW,
    )


@pytest.mark.parametrize(
    ("count", "score", "decision"),
    [
        (3, 50, VelocityDecision.SECOND_FACTOR),
        (4, 70, VelocityDecision.SECOND_FACTOR),
        (5, 90, VelocityDecision.BLOCK),
        (9, 100, VelocityDecision.BLOCK),
    ],
)
def test_a_burst_in_the_hour_challenges_then_blocks(
    count: int, score: int, decision: VelocityDecision
) -> None:
    assessment = POLICY.assess(Decimal("10"), recent(count))
    assert (assessment.score, assessment.decision) == (score, decision)
    assert assessment.reasons[0]["rule"] == "withdrawal_burst"


def test_volume_over_the_day_adds_points_with_the_total_in_the_reason() -> None:
    over = POLICY.assess(Decimal("50000"), recent(0, "160000"))
    assert over.score == 40
    assert "210000 withdrawn in 24 hours" in over.hits[0].reason
    assert POLICY.assess(Decimal("300000"), recent(0, "150000")).score == 60
    both = POLICY.assess(Decimal("50000"), recent(3, "160000"))
    assert (both.score, both.decision) == (90, VelocityDecision.BLOCK)


def test_thresholds_must_be_ordered() -> None:
    with pytest.raises(ValueError, match="thresholds"):
        VelocityPolicy(
            hourly_count=1, daily_amount=Decimal(1), challenge_threshold=95, block_threshold=90
        )


@pytest.mark.parametrize(
    ("amount", "currency", "code"),
    [
        ("0", "INR", "not_positive"),
        ("-1", "INR", "not_positive"),
        ("1.001", "INR", "too_precise"),
        ("100.0000", "INR", "too_precise"),
        (" 100.00 ", "INR", "invalid_amount"),
        ("100.00\n", "INR", "invalid_amount"),
        ("1.5", "JPY", "unsupported_currency"),
        ("1e2", "INR", "invalid_amount"),
        ("NaN", "INR", "invalid_amount"),
        ("10.00", "inr", None),
        ("2000000", "INR", "too_large"),
    ],
)
def test_amounts_are_plain_positive_decimals_at_the_currency_unit(
    amount: str, currency: str, code: str | None
) -> None:
    if code is None:
        assert parse_amount(amount, currency, supported={"INR"}).amount == Decimal("10.00")
        return
    with pytest.raises(ValidationFailed) as caught:
        parse_amount(amount, currency, supported={"INR"}, maximum=Decimal(10**6))
    assert code in [e.code for e in caught.value.errors]


def test_trailing_zeros_count_as_written_places() -> None:
    """The docs refuse extra places: ``10.500`` INR is not silently read as 10.50."""
    with pytest.raises(ValidationFailed) as caught:
        parse_amount("10.500", "INR", supported={"INR"})
    assert [e.code for e in caught.value.errors] == ["too_precise"]
    assert parse_amount("10.5", "INR", supported={"INR"}).amount == Decimal("10.5")


def test_event_types_know_their_kind_and_outcome() -> None:
    assert RailEventType.PAYOUT_FAILED.kind == "withdrawal"
    assert not RailEventType.PAYOUT_FAILED.succeeded
    assert RailEventType.DEPOSIT_COMPLETED.succeeded
