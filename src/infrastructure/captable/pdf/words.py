"""A share quantity in figures and in words, the way a certificate prints it.

Whole shares read as English cardinals in the short scale ("one million two hundred
thirty-four thousand five hundred sixty-seven"); a fraction of a share follows as a decimal
fraction over its power of ten, unreduced, as cheques write cents ("... and 5/10",
"... and 125/1000"). Trailing zeros of the stored scale are not part of the quantity
(``1250.500000`` reads "... and 5/10"). Only positive quantities are printed: a certificate
for nothing is a bug upstream, so zero and negative quantities are refused.
"""

from __future__ import annotations

from decimal import Decimal

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
_SCALES = (
    "",
    "thousand",
    "million",
    "billion",
    "trillion",
    "quadrillion",
    "quintillion",
    "sextillion",
    "septillion",
    "octillion",
    "nonillion",
    "decillion",
)
LARGEST = 1000 ** len(_SCALES) - 1  # 999 decillion ... 999


def _below_thousand(number: int) -> str:
    hundreds, rest = divmod(number, 100)
    words = [f"{_ONES[hundreds]} hundred"] if hundreds else []
    if rest >= 20:
        tens, ones = divmod(rest, 10)
        words.append(f"{_TENS[tens]}-{_ONES[ones]}" if ones else _TENS[tens])
    elif rest:
        words.append(_ONES[rest])
    return " ".join(words)


def integer_in_words(number: int) -> str:
    """``1_000_001`` -> "one million one"; 0 -> "zero"."""
    if number < 0 or number > LARGEST:
        raise ValueError(f"{number} is outside 0..{LARGEST}")
    if number == 0:
        return _ONES[0]
    groups: list[str] = []
    for scale in _SCALES:
        number, group = divmod(number, 1000)
        if group:
            groups.append(f"{_below_thousand(group)} {scale}".rstrip())
        if not number:
            break
    return " ".join(reversed(groups))


def _parts(quantity: Decimal) -> tuple[int, int, int]:
    """(whole, numerator, places) of a positive finite quantity, trailing zeros dropped;
    exact integer arithmetic on the digits (no decimal context, so no rounding at 28 digits)."""
    if not quantity.is_finite() or quantity <= 0:
        raise ValueError(f"a printed quantity must be positive, not {quantity}")
    _, digits, exponent = quantity.as_tuple()
    assert isinstance(exponent, int)  # finite
    value = int("".join(map(str, digits)))
    if exponent >= 0:
        return value * 10**exponent, 0, 0
    places = -exponent
    whole, numerator = divmod(value, 10**places)
    while numerator and numerator % 10 == 0:
        numerator //= 10
        places -= 1
    return (whole, numerator, places) if numerator else (whole, 0, 0)


def quantity_in_words(quantity: Decimal) -> str:
    """``Decimal("1234567.5")`` -> "one million two hundred thirty-four thousand five hundred
    sixty-seven and 5/10"; ``Decimal("0.25")`` -> "25/100"."""
    whole, numerator, places = _parts(quantity)
    if not numerator:
        return integer_in_words(whole)
    fraction = f"{numerator}/{10**places}"
    return f"{integer_in_words(whole)} and {fraction}" if whole else fraction


def quantity_in_figures(quantity: Decimal) -> str:
    """``Decimal("1234567.500")`` -> "1,234,567.5"; ``Decimal("1E+3")`` -> "1,000"."""
    whole, numerator, places = _parts(quantity)
    figures = f"{whole:,}"
    return f"{figures}.{numerator:0{places}d}" if numerator else figures
