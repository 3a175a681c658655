"""The one read-schema style: a response schema is built from a domain object or a view by
attribute name (pydantic ``from_attributes``), so a field is written once, in the schema.

``Read.of(source)`` takes every field by name; ``Read.taking(source, field=...)`` takes every
field by name except the ones given (a renamed attribute, a derived value).

Money is one format everywhere: a ``Money`` field renders its ``Decimal`` as a decimal string
with exactly the currency's minor units (``"1500.00"`` and ``"0.00"`` for INR, ``"1500"`` for
JPY), read from the schema's ``asset`` or ``currency`` field declared before it (or the
``currency`` given to ``in_currency`` for a schema without one, a statement's lines). An
instrument's quantity keeps the places its account stores. Every money field, in responses and
requests, is the one OpenAPI component ``Money``."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated, Any, Final, Self

from pydantic import BaseModel, BeforeValidator, ConfigDict, ValidationInfo, WithJsonSchema

from domain.shared.money import MINOR_UNITS

MONEY_PATTERN: Final = r"^-?[0-9]{1,20}(\.[0-9]{1,8})?$"
MONEY_REF: Final = "#/components/schemas/Money"
# Marks a money field's JSON schema; the OpenAPI document turns each into a ref to ``Money``.
MONEY_MARK: Final = "x-money"
_MONEY_FIELD: Final = {"type": "string", "pattern": MONEY_PATTERN, MONEY_MARK: True}
MONEY_SCHEMA: Final = {
    "title": "Money",
    "type": "string",
    "pattern": MONEY_PATTERN,
    "description": "An exact decimal amount as a string, never a number: a dot, no exponent, "
    "no grouping. In answers it has exactly the currency's minor units (ISO 4217: INR, USD "
    "and EUR 2, JPY 0, KWD 3), zero included (`0.00`); an instrument's quantity has the "
    "places of its asset. In requests it may have fewer places, never more. The currency "
    "is the `currency` or `asset` field next to it.",
    "examples": ["1500.00"],
}


def money_text(amount: Decimal, code: str) -> str:
    """``amount`` with exactly ``code``'s minor units; an instrument keeps its own places.
    Money is never rounded here: an amount finer than its currency is a fault."""
    places = MINOR_UNITS.get(code)
    if places is not None:
        exact = amount.quantize(Decimal(1).scaleb(-places))
        if exact != amount:
            raise ValueError(f"{amount} has more places than {code} has minor units")
        amount = exact
    return f"{amount + 0:f}"  # + 0 turns -0.00 into 0.00


def _money_field(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, Decimal):
        return value  # already text: a schema validated again from its own dump
    code = (
        info.data.get("currency") or info.data.get("asset") or (info.context or {}).get("currency")
    )
    if not isinstance(code, str):
        raise TypeError(
            f"money field {info.field_name} needs a currency or asset field before it "
            "(or in_currency(...))"
        )
    return money_text(value, code)


# A money field of a response: the Decimal at its currency's minor units (see the module doc).
Money = Annotated[str, BeforeValidator(_money_field), WithJsonSchema(_MONEY_FIELD)]
# A money field of a request: text the use case parses strictly (the schema says the format).
MoneyInput = Annotated[str, WithJsonSchema(_MONEY_FIELD)]


# A price per share (a share price, a repurchase or transfer price, a par value): not a settled
# amount, so finer than the currency (``0.0001`` USD), up to 10 places; never rounded.
PRICE_PER_SHARE_PATTERN: Final = r"^[0-9]{1,18}(\.[0-9]{1,10})?$"
PRICE_PER_SHARE_REF: Final = "#/components/schemas/PricePerShare"
PRICE_PER_SHARE_MARK: Final = "x-price-per-share"
_PRICE_FIELD: Final = {
    "type": "string",
    "pattern": PRICE_PER_SHARE_PATTERN,
    PRICE_PER_SHARE_MARK: True,
}
PRICE_PER_SHARE_SCHEMA: Final = {
    "title": "PricePerShare",
    "type": "string",
    "pattern": PRICE_PER_SHARE_PATTERN,
    "description": "A price per share as an exact decimal string, never a number: up to 10 "
    "decimal places, finer than the currency's minor units (`0.0001` USD a share), since a "
    "price per share is not a settled amount. In answers it has at least the currency's minor "
    "units (`1.50`, `0.0001`). What a price moves (a transfer's total price and fee) is `Money`, "
    "half-even to the minor unit. The currency is the `currency` field next to it.",
    "examples": ["0.0001", "1.50"],
}


def price_text(amount: Decimal, code: str) -> str:
    """``amount`` with at least ``code``'s minor units and any finer places it has."""
    places = MINOR_UNITS.get(code, 0)
    quantum = Decimal(1).scaleb(-places)
    exact = amount.quantize(quantum)
    amount = exact if exact == amount else amount.normalize()
    return f"{amount + 0:f}"


def _price_field(value: Any, info: ValidationInfo) -> Any:
    if not isinstance(value, Decimal):
        return value
    code = info.data.get("currency") or (info.context or {}).get("currency")
    if not isinstance(code, str):
        raise TypeError(f"price field {info.field_name} needs a currency field before it")
    return price_text(value, code)


PricePerShare = Annotated[str, BeforeValidator(_price_field), WithJsonSchema(_PRICE_FIELD)]
PricePerShareInput = Annotated[str, WithJsonSchema(_PRICE_FIELD)]


class _Overlay:
    """``source`` seen through ``fields``: what pydantic reads attribute by attribute."""

    __slots__ = ("_fields", "_source")

    def __init__(self, source: Any, fields: dict[str, Any]) -> None:
        self._source = source
        self._fields = fields

    def __getattr__(self, name: str) -> Any:
        fields = object.__getattribute__(self, "_fields")
        if name in fields:
            return fields[name]
        return getattr(object.__getattribute__(self, "_source"), name)


class ReadModel(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    @classmethod
    def of(cls, *args: Any, **kwargs: Any) -> Self:
        """``Read.of(source)``. The open signature lets a schema built from more than one
        object (``StatementLineRead.of(line, currency)``) define its own ``of``."""
        (source,) = args
        if kwargs:
            raise TypeError(f"{cls.__name__}.of takes one source; use taking() to override")
        return cls.model_validate(source)

    @classmethod
    def taking(cls, source: Any, /, **fields: Any) -> Self:
        unknown = set(fields) - set(cls.model_fields)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls.model_validate(_Overlay(source, fields))

    @classmethod
    def in_currency(cls, currency: str, source: Any, /, **fields: Any) -> Self:
        """``taking`` for a schema whose money has no currency field of its own."""
        unknown = set(fields) - set(cls.model_fields)
        if unknown:
            raise TypeError(f"{cls.__name__} has no field {', '.join(sorted(unknown))}")
        return cls.model_validate(_Overlay(source, fields), context={"currency": currency})
