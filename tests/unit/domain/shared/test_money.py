from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from domain.shared.errors import ValidationFailed
from domain.shared.money import Currency, CurrencyMismatch, Money


def inr(amount: str) -> Money:
    return Money.of(amount, "INR")


def test_amounts_are_exact_decimals() -> None:
    assert inr("0.10") + inr("0.20") == inr("0.30")


def test_a_float_is_refused_with_the_field_named() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Money.of(0.1, "INR")  # type: ignore[arg-type]
    assert caught.value.errors[0].field == "amount"


@pytest.mark.parametrize("bad", ["NaN", "Infinity", "-Infinity", "abc", ""])
def test_non_numbers_are_refused(bad: str) -> None:
    with pytest.raises(ValidationFailed):
        Money.of(bad, "INR")


def test_an_unknown_currency_is_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Currency("XYZ")
    assert caught.value.errors[0].code == "unsupported_currency"


def test_different_currencies_do_not_mix() -> None:
    with pytest.raises(CurrencyMismatch):
        inr("1") + Money.of("1", "USD")
    with pytest.raises(CurrencyMismatch):
        _ = inr("1") < Money.of("2", "USD")


def test_rounding_is_bankers_at_the_minor_unit() -> None:
    assert inr("2.345").rounded() == inr("2.34")
    assert inr("2.355").rounded() == inr("2.36")
    assert Money.of("100.5", "JPY").rounded() == Money.of("100", "JPY")
    assert Money.of("1.2345", "KWD").rounded() == Money.of("1.234", "KWD")


def test_multiplying_by_a_float_is_refused() -> None:
    with pytest.raises(ValidationFailed):
        inr("10") * 1.5  # type: ignore[operator]
    assert inr("10.00") * Decimal("1.5") == inr("15.000")


def test_allocation_never_loses_a_paisa() -> None:
    parts = inr("100.00").allocate([1, 1, 1])
    assert parts == [inr("33.34"), inr("33.33"), inr("33.33")]


@given(
    cents=st.integers(min_value=0, max_value=10**12),
    ratios=st.lists(st.integers(min_value=0, max_value=50), min_size=1, max_size=8).filter(
        lambda r: sum(r) > 0
    ),
)
def test_allocation_sums_to_the_whole(cents: int, ratios: list[int]) -> None:
    total = Money.of(Decimal(cents).scaleb(-2), "USD")
    parts = total.allocate(ratios)
    assert sum((p.amount for p in parts), Decimal(0)) == total.amount
    assert all(p.is_exact() for p in parts)


def test_display_uses_the_minor_unit() -> None:
    assert str(inr("1234.5")) == "1234.50 INR"
