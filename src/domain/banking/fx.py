"""Currency conversion between a user's own cash accounts (INR ⇄ USD): a quote the user asks
for, and the conversion that executes it once, before it expires.

There is no implicit conversion anywhere: each currency is its own cash account in the ledger,
and money changes currency only through a conversion of a quote the user saw (its rate, both
amounts, the spread), in one balanced ledger entry (docs/banking.md#currency-and-fx-conversion)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from enum import StrEnum
from uuid import UUID

from domain.shared.errors import Conflict, FieldError, NotFound, RuleViolated
from domain.shared.ids import UserId


class FxQuoteState(StrEnum):
    OPEN = "open"  # may be converted until it expires
    CONVERTED = "converted"
    EXPIRED = "expired"


class FxQuoteNotFound(NotFound):
    code = "fx_quote_not_found"
    title = "FX quote not found"


class FxQuoteExpired(RuleViolated):
    code = "fx_quote_expired"
    title = "FX quote expired"


class FxQuoteAlreadyUsed(Conflict):
    code = "fx_quote_already_used"
    title = "FX quote already converted"


class FxConversionNotFound(NotFound):
    code = "fx_conversion_not_found"
    title = "FX conversion not found"


QUOTE_FIELD = "quote_id"


@dataclass(slots=True, kw_only=True)
class FxQuote:
    id: UUID
    user_id: UserId
    pair: str  # e.g. USDINR: the rate is INR per USD
    sell_currency: str
    buy_currency: str
    sell_amount: Decimal
    buy_amount: Decimal
    mid_rate: Decimal
    rate: Decimal  # the client rate: mid ± the spread, quote currency per base currency
    spread_bps: int
    spread_amount: Decimal  # what the platform earns, in the sell currency
    created_at: datetime
    expires_at: datetime
    converted_at: datetime | None = None

    def state(self, now: datetime) -> FxQuoteState:
        if self.converted_at is not None:
            return FxQuoteState.CONVERTED
        return FxQuoteState.OPEN if now < self.expires_at else FxQuoteState.EXPIRED

    def convert(self, now: datetime) -> None:
        """Mark the quote used; refused when it is used already or has expired."""
        state = self.state(now)
        if state is FxQuoteState.CONVERTED:
            raise FxQuoteAlreadyUsed(
                f"quote {self.id} was converted already: ask for a new quote",
                errors=[FieldError(QUOTE_FIELD, "already converted", FxQuoteAlreadyUsed.code)],
            )
        if state is FxQuoteState.EXPIRED:
            raise FxQuoteExpired(
                f"quote {self.id} expired at {self.expires_at.isoformat()}: ask for a new quote",
                errors=[FieldError(QUOTE_FIELD, "expired", FxQuoteExpired.code)],
            )
        self.converted_at = now


@dataclass(frozen=True, slots=True, kw_only=True)
class FxConversion:
    """An executed quote: the user's sell currency left their cash, the buy currency arrived,
    the spread went to the platform, all in the ledger entry ``entry_id``."""

    id: UUID
    user_id: UserId
    quote_id: UUID
    pair: str
    sell_currency: str
    sell_amount: Decimal
    buy_currency: str
    buy_amount: Decimal
    rate: Decimal
    mid_rate: Decimal
    spread_amount: Decimal  # in the sell currency
    entry_id: UUID
    created_at: datetime


def conversion_reference(conversion_id: UUID) -> str:
    return f"fx_conversion:{conversion_id}"
