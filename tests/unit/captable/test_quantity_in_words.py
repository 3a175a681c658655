"""A certificate's quantity in words and figures: the cardinal in English (short scale), a
fraction as digits over its power of ten, trailing zeros of the stored scale ignored."""

from __future__ import annotations

from decimal import Decimal

import pytest

from infrastructure.captable.pdf.words import (
    LARGEST,
    integer_in_words,
    quantity_in_figures,
    quantity_in_words,
)


@pytest.mark.parametrize(
    ("quantity", "words"),
    [
        ("1", "one"),
        ("12", "twelve"),
        ("20", "twenty"),
        ("21", "twenty-one"),
        ("100", "one hundred"),
        ("101", "one hundred one"),
        ("1000", "one thousand"),
        ("1250", "one thousand two hundred fifty"),
        ("1000000", "one million"),
        ("1000001", "one million one"),
        ("1001000", "one million one thousand"),
        (
            "1234567.5",
            "one million two hundred thirty-four thousand five hundred sixty-seven and 5/10",
        ),
        ("1250.500000", "one thousand two hundred fifty and 5/10"),  # NUMERIC scale ignored
        ("7.000", "seven"),
        ("1E+3", "one thousand"),
        ("0.25", "25/100"),
        ("3.125", "three and 125/1000"),
        ("1000000000", "one billion"),
        (
            "999999999999",
            "nine hundred ninety-nine billion nine hundred ninety-nine million nine hundred "
            "ninety-nine thousand nine hundred ninety-nine",
        ),
        ("1000000000000000", "one quadrillion"),
    ],
)
def test_quantity_in_words(quantity: str, words: str) -> None:
    assert quantity_in_words(Decimal(quantity)) == words


@pytest.mark.parametrize(
    ("quantity", "figures"),
    [
        ("1", "1"),
        ("1000000", "1,000,000"),
        ("1234567.5", "1,234,567.5"),
        ("1250.500000", "1,250.5"),
        ("1E+3", "1,000"),
        ("0.0625", "0.0625"),
        ("100000000000000000000000000000001.5", "100,000,000,000,000,000,000,000,000,000,001.5"),
    ],
)
def test_quantity_in_figures(quantity: str, figures: str) -> None:
    assert quantity_in_figures(Decimal(quantity)) == figures


def test_numbers_past_the_decimal_context_are_exact() -> None:
    """33 digits: past the 28 of the default decimal context, still not rounded."""
    quantity = Decimal("100000000000000000000000000000001.5")
    assert quantity_in_words(quantity) == "one hundred nonillion one and 5/10"


def test_the_largest_number_in_words_and_one_past_it() -> None:
    assert integer_in_words(LARGEST).startswith("nine hundred ninety-nine decillion")
    with pytest.raises(ValueError, match="outside"):
        integer_in_words(LARGEST + 1)


@pytest.mark.parametrize("quantity", ["0", "0.000", "-5", "NaN", "Infinity"])
def test_nothing_and_less_is_never_printed(quantity: str) -> None:
    with pytest.raises(ValueError, match="positive"):
        quantity_in_words(Decimal(quantity))
    with pytest.raises(ValueError, match="positive"):
        quantity_in_figures(Decimal(quantity))
