from decimal import Decimal

import pytest

from domain.shared.errors import ValidationFailed
from domain.shared.quantity import Quantity


def test_quantities_are_exact() -> None:
    assert Quantity.of("0.1") + Quantity.of("0.2") == Quantity.of("0.3")
    assert Quantity.of(10) - Quantity.of(3) == Quantity(Decimal(7))


def test_too_many_places_are_refused() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Quantity.of("0.000000001", field="shares")
    assert caught.value.errors[0].field == "shares"


def test_positive_and_whole_checks_name_their_rule() -> None:
    with pytest.raises(ValidationFailed) as caught:
        Quantity.of("0").positive()
    assert caught.value.errors[0].code == "not_positive"
    with pytest.raises(ValidationFailed) as caught:
        Quantity.of("1.5").whole()
    assert caught.value.errors[0].code == "not_whole"
    assert Quantity.of("100").whole().positive() == Quantity.of(100)


def test_floats_are_refused() -> None:
    with pytest.raises(ValidationFailed):
        Quantity.of(1.0)  # type: ignore[arg-type]


def test_ordering_and_display() -> None:
    assert Quantity.of("2") > Quantity.of("1.5")
    assert str(Quantity.of("10.500")) == "10.5"
