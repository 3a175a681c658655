"""Schemas of currency conversion. Amounts are decimal strings at their currency's minor unit
(``Money``); rates are exact decimal strings (quote currency per base currency of the pair)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Annotated, Any, Final
from uuid import UUID

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationInfo, WithJsonSchema

from adapters.http.paging import NextCursor
from adapters.http.read_model import MONEY_MARK, MONEY_PATTERN, MoneyInput, ReadModel, money_text

_MONEY_JSON: Final = {"type": "string", "pattern": MONEY_PATTERN, MONEY_MARK: True}
_RATE_JSON: Final = {"type": "string", "pattern": r"^[0-9]{1,10}(\.[0-9]{1,10})?$"}


def _in_currency_of(currency_field: str) -> BeforeValidator:
    """A money field of a schema with two currencies: its currency is ``currency_field``."""

    def render(value: Any, info: ValidationInfo) -> Any:
        if not isinstance(value, Decimal):
            return value
        return money_text(value, info.data[currency_field])

    return BeforeValidator(render)


def _rate(value: Any) -> Any:
    return f"{value.normalize():f}" if isinstance(value, Decimal) else value


SellMoney = Annotated[str, _in_currency_of("sell_currency"), WithJsonSchema(_MONEY_JSON)]
BuyMoney = Annotated[str, _in_currency_of("buy_currency"), WithJsonSchema(_MONEY_JSON)]
Rate = Annotated[str, BeforeValidator(_rate), WithJsonSchema(_RATE_JSON)]
CurrencyText = Annotated[str, Field(min_length=1, max_length=3, description="ISO 4217, e.g. INR")]


class FxQuoteCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={
            "examples": [
                {"sell_currency": "INR", "buy_currency": "USD", "sell_amount": "100000.00"},
                {"sell_currency": "INR", "buy_currency": "USD", "buy_amount": "1000.00"},
                {"sell_currency": "USD", "buy_currency": "INR", "sell_amount": "1000.00"},
            ]
        }
    )

    sell_currency: CurrencyText
    buy_currency: CurrencyText
    sell_amount: MoneyInput | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="What I pay, a positive decimal string in sell_currency (or buy_amount).",
    )
    buy_amount: MoneyInput | None = Field(
        default=None,
        min_length=1,
        max_length=40,
        description="What I get, a positive decimal string in buy_currency (or sell_amount).",
    )


_QUOTE_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
    "pair": "USDINR",
    "sell_currency": "INR",
    "sell_amount": "100000.00",
    "buy_currency": "USD",
    "buy_amount": "1195.22",
    "rate": "83.66625",
    "mid_rate": "83.25",
    "spread_bps": 50,
    "spread_amount": "497.94",
    "created_at": "2026-12-01T10:15:00Z",
    "expires_at": "2026-12-01T10:15:30Z",
    "converted_at": None,
}

_RATE_DESCRIPTION = "Units of the pair's second currency per unit of its first (INR per USD)."


class FxQuoteRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_QUOTE_EXAMPLE]})

    id: UUID
    pair: str = Field(description="Base then quote currency: USDINR quotes INR per USD.")
    sell_currency: str
    sell_amount: SellMoney = Field(description="What I pay (rounded up when computed).")
    buy_currency: str
    buy_amount: BuyMoney = Field(description="What I get (rounded down when computed).")
    rate: Rate = Field(description="The client rate: the mid with the spread. " + _RATE_DESCRIPTION)
    mid_rate: Rate = Field(description=_RATE_DESCRIPTION)
    spread_bps: int = Field(description="The platform's spread around the mid, basis points.")
    spread_amount: SellMoney = Field(
        description="What the platform earns, in sell_currency: sell_amount less buy_amount at mid."
    )
    created_at: datetime
    expires_at: datetime = Field(description="Convert before this (FX_QUOTE_TTL_SECONDS).")
    converted_at: datetime | None


class FxConversionCreate(BaseModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"quote_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c"}]}
    )

    quote_id: UUID = Field(description="One of my open quotes.")


_CONVERSION_EXAMPLE: dict[str, Any] = {
    "id": "0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c",
    "quote_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
    "pair": "USDINR",
    "sell_currency": "INR",
    "sell_amount": "100000.00",
    "buy_currency": "USD",
    "buy_amount": "1195.22",
    "rate": "83.66625",
    "mid_rate": "83.25",
    "spread_amount": "497.94",
    "entry_id": "0193a2c4-5d6e-7c3b-9a10-5d7e8f9a0b1c",
    "created_at": "2026-12-01T10:15:12Z",
}


class FxConversionRead(ReadModel):
    model_config = ConfigDict(json_schema_extra={"examples": [_CONVERSION_EXAMPLE]})

    id: UUID
    quote_id: UUID
    pair: str
    sell_currency: str
    sell_amount: SellMoney
    buy_currency: str
    buy_amount: BuyMoney
    rate: Rate = Field(description="The client rate. " + _RATE_DESCRIPTION)
    mid_rate: Rate
    spread_amount: SellMoney = Field(description="Booked to the platform, in sell_currency.")
    entry_id: UUID = Field(description="The ledger's journal entry of the conversion.")
    created_at: datetime


class FxConversionPage(ReadModel):
    model_config = ConfigDict(
        json_schema_extra={"examples": [{"items": [_CONVERSION_EXAMPLE], "next_cursor": None}]}
    )

    items: list[FxConversionRead]
    next_cursor: NextCursor
