"""The amount of a deposit or withdrawal: a positive decimal string in a currency banking
settles, written with at most that currency's minor unit (``10.005`` and ``100.0000`` INR are
refused, never rounded or normalised), with nothing around it (``" 100.00 "`` is refused)."""

from __future__ import annotations

import re
from collections.abc import Collection
from decimal import Decimal, InvalidOperation
from typing import Final

from domain.shared.errors import FieldError, ValidationFailed, invalid_field
from domain.shared.money import MINOR_UNITS, Money

_PLAIN: Final = re.compile(r"-?[0-9]{1,20}(\.[0-9]{1,20})?")


def _places(text: str) -> int:
    """Decimal places as written: trailing zeros count."""
    return len(text.partition(".")[2])


def _amount_problem(text: str) -> tuple[Decimal | None, FieldError | None]:
    """The amount's own rules, whatever its currency."""
    if not _PLAIN.fullmatch(text):
        message = "must be a plain decimal string like 1250.50 (digits and one point, no spaces)"
        return None, FieldError("amount", message, "invalid_amount")
    try:
        value = Decimal(text)
    except InvalidOperation:  # pragma: no cover - the pattern admits only decimals
        return None, FieldError("amount", "must be a decimal string", "invalid_amount")
    if value <= 0:
        return value, FieldError("amount", "must be more than zero", "not_positive")
    return value, None


def written_amount(
    text: str, currency: str | None, *, field: str
) -> tuple[Decimal | None, FieldError | None]:
    """``text`` as a positive amount of ``currency`` (its places checked when the currency is
    known, else only the amount's own rules), or the problem, named ``field``."""
    value, problem = _amount_problem(text)
    if problem is None and currency in MINOR_UNITS and _places(text) > MINOR_UNITS[currency]:
        message = f"{currency} has {MINOR_UNITS[currency]} decimal places at most"
        problem = FieldError("amount", message, "too_precise")
    if problem is not None:
        return None, FieldError(field, problem.message, problem.code)
    return value, None


def check_amount_text(amount: str) -> None:
    """``ValidationFailed`` naming ``amount`` when it breaks a rule no currency changes (the
    request's schema runs this with the other fields' checks)."""
    _, problem = _amount_problem(amount)
    if problem is not None:
        raise ValidationFailed(f"amount: {problem.message}", errors=[problem])


def check_currency_code(currency: str) -> None:
    """``ValidationFailed`` naming ``currency`` when no ISO 4217 currency we know has the code."""
    if currency.strip().upper() not in MINOR_UNITS:
        raise invalid_field(
            "currency", f"must be one of {', '.join(MINOR_UNITS)}", code="unsupported_currency"
        )


def parse_amount(
    amount: str, currency: str, *, supported: Collection[str], maximum: Decimal | None = None
) -> Money:
    """``Money`` from the request's ``amount`` string and ``currency``, or ``ValidationFailed``
    naming ``amount`` / ``currency``."""
    problems: list[FieldError] = []
    code = currency.strip().upper()
    if code not in supported or code not in MINOR_UNITS:
        listed = ", ".join(sorted(supported))
        problems.append(FieldError("currency", f"must be one of {listed}", "unsupported_currency"))
    text = amount
    value, problem = _amount_problem(text)
    if problem is not None:
        problems.append(problem)
    elif value is not None:
        if code in MINOR_UNITS and _places(text) > MINOR_UNITS[code]:
            places = MINOR_UNITS[code]
            problems.append(
                FieldError("amount", f"{code} has {places} decimal places at most", "too_precise")
            )
        elif maximum is not None and value > maximum:
            problems.append(FieldError("amount", f"must be at most {maximum}", "too_large"))
    if problems or value is None:
        raise ValidationFailed("the amount or currency is not valid", errors=problems)
    return Money.of(value, code)
