"""The checks of a new order (or an amendment) against its instrument, every offending field
collected into one refusal: tick, lot, minimum notional, price band, trading hours, halted,
and the terms that go together (a limit has a price, a market order none; GTD has an expiry).
What passes comes back in ticks and lots for the book."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.shared.errors import FieldError, ValidationFailed
from domain.trading.errors import (
    EXPIRY_IN_PAST,
    EXPIRY_NOT_ALLOWED,
    EXPIRY_REQUIRED,
    EXPIRY_WITHOUT_ZONE,
    INVALID_TIME_IN_FORCE,
    NOTIONAL_TOO_SMALL,
    POST_ONLY_NOT_ALLOWED,
    PRICE_NOT_ALLOWED,
    PRICE_OUTSIDE_BAND,
    PRICE_REQUIRED,
    UNKNOWN_INSTRUMENT,
)
from domain.trading.instrument import Instrument
from domain.trading.terms import OrderType, Side, TimeInForce


@dataclass(frozen=True, slots=True, kw_only=True)
class OrderTerms:
    symbol: str
    side: Side
    order_type: OrderType
    time_in_force: TimeInForce
    quantity: Decimal
    price: Decimal | None = None
    post_only: bool = False
    expires_at: datetime | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckedOrder:
    lots: int
    ticks: int  # the limit, or a market order's collar
    limit_price: Decimal
    expires_at: datetime | None


def refuse(errors: list[FieldError]) -> None:
    if errors:
        codes = {e.code for e in errors}
        raise ValidationFailed(
            "; ".join(f"{e.field}: {e.message}" for e in errors),
            code=codes.pop() if len(codes) == 1 else None,
            errors=errors,
        )


def _terms(terms: OrderTerms, at: datetime) -> list[FieldError]:
    errors = []
    if terms.order_type is OrderType.LIMIT and terms.price is None:
        errors.append(FieldError("price", "a limit order needs a price", PRICE_REQUIRED))
    if terms.order_type is OrderType.MARKET:
        if terms.price is not None:
            errors.append(FieldError("price", "a market order takes no price", PRICE_NOT_ALLOWED))
        if terms.time_in_force not in (TimeInForce.IOC, TimeInForce.FOK):
            errors.append(
                FieldError("time_in_force", "a market order is ioc or fok", INVALID_TIME_IN_FORCE)
            )
        if terms.post_only:
            errors.append(
                FieldError("post_only", "a market order always takes", POST_ONLY_NOT_ALLOWED)
            )
    if terms.post_only and terms.time_in_force in (TimeInForce.IOC, TimeInForce.FOK):
        errors.append(
            FieldError(
                "post_only", "a post-only order rests: gtc, day or gtd", POST_ONLY_NOT_ALLOWED
            )
        )
    if terms.expires_at is not None and terms.expires_at.utcoffset() is None:
        message = "needs its time zone, like 2026-12-01T21:00:00Z"
        errors.append(FieldError("expires_at", message, EXPIRY_WITHOUT_ZONE))
        return errors
    if terms.time_in_force is TimeInForce.GTD:
        if terms.expires_at is None:
            errors.append(FieldError("expires_at", "a gtd order needs one", EXPIRY_REQUIRED))
        elif terms.expires_at <= at:
            errors.append(FieldError("expires_at", "must be in the future", EXPIRY_IN_PAST))
    elif terms.expires_at is not None:
        errors.append(FieldError("expires_at", "only a gtd order has one", EXPIRY_NOT_ALLOWED))
    return errors


def _grid(
    instrument: Instrument, price: Decimal | None, quantity: Decimal
) -> tuple[list[FieldError], int | None, int | None]:
    errors: list[FieldError] = []
    ticks = lots = None
    if price is not None:
        try:
            ticks = instrument.ticks(price)
        except ValidationFailed as refused:
            errors.extend(refused.errors)
    try:
        lots = instrument.lots(quantity)
    except ValidationFailed as refused:
        errors.extend(refused.errors)
    return errors, ticks, lots


def _band_and_notional(
    instrument: Instrument, price: Decimal | None, quantity: Decimal
) -> list[FieldError]:
    errors = []
    if price is not None:
        low, high = instrument.band()
        if not low <= price <= high:
            errors.append(
                FieldError(
                    "price",
                    f"{price} is outside the band {low}..{high} around {instrument.mark}",
                    PRICE_OUTSIDE_BAND,
                )
            )
    notional = quantity * (price if price is not None else instrument.mark)
    if notional < instrument.min_notional:
        errors.append(
            FieldError(
                "quantity",
                f"the order is worth {notional}, less than the minimum {instrument.min_notional} "
                f"{instrument.currency}",
                NOTIONAL_TOO_SMALL,
            )
        )
    return errors


def check_new_order(instrument: Instrument | None, terms: OrderTerms, at: datetime) -> CheckedOrder:
    errors = _terms(terms, at)
    if instrument is None:
        message = f"no instrument is listed as {terms.symbol!r}"
        refuse([FieldError("symbol", message, UNKNOWN_INSTRUMENT), *errors])
        raise AssertionError("unreachable")
    errors.extend(instrument.refusals_now(at))
    grid, ticks, lots = _grid(instrument, terms.price, terms.quantity)
    errors.extend(grid)
    if not grid:
        errors.extend(_band_and_notional(instrument, terms.price, terms.quantity))
    refuse(errors)
    assert lots is not None
    buying = terms.side is Side.BUY
    limit = terms.price if terms.price is not None else instrument.collar(buying)
    expires_at = terms.expires_at
    if terms.time_in_force is TimeInForce.DAY:
        expires_at = instrument.hours.session_end(at)
    return CheckedOrder(
        lots=lots,
        ticks=ticks if ticks is not None else instrument.ticks(limit),
        limit_price=limit,
        expires_at=expires_at,
    )


def check_amendment(
    instrument: Instrument, price: Decimal, quantity: Decimal, at: datetime
) -> tuple[int, int]:
    """An amendment's new limit and open quantity in ticks and lots, checked like a new order's
    (tick, lot, band, minimum notional, halted, hours)."""
    errors = instrument.refusals_now(at)
    grid, ticks, lots = _grid(instrument, price, quantity)
    errors.extend(grid)
    if not grid:
        errors.extend(_band_and_notional(instrument, price, quantity))
    refuse(errors)
    assert ticks is not None
    assert lots is not None
    return ticks, lots
