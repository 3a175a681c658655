"""What trading refuses, each with a stable code. Field errors name domain fields
(``symbol``, ``price``, ``quantity``...); the HTTP adapter says where the client sent them."""

from __future__ import annotations

from typing import Final
from uuid import UUID

from domain.shared.errors import Conflict, FieldError, NotFound, RuleViolated, Unavailable

# Codes of the field errors a new order can collect (all of them in one answer).
PRICE_OFF_TICK: Final = "price_off_tick"
QUANTITY_OFF_LOT: Final = "quantity_off_lot"
NOTIONAL_TOO_SMALL: Final = "notional_too_small"
PRICE_OUTSIDE_BAND: Final = "price_outside_band"
MARKET_CLOSED: Final = "market_closed"
INSTRUMENT_HALTED: Final = "instrument_halted"
UNKNOWN_INSTRUMENT: Final = "unknown_instrument"
PRICE_REQUIRED: Final = "price_required"
PRICE_NOT_ALLOWED: Final = "price_not_allowed"
INVALID_TIME_IN_FORCE: Final = "invalid_time_in_force"
EXPIRY_REQUIRED: Final = "expires_at_required"
EXPIRY_NOT_ALLOWED: Final = "expires_at_not_allowed"
EXPIRY_IN_PAST: Final = "expires_at_in_past"
EXPIRY_WITHOUT_ZONE: Final = "expires_at_without_time_zone"
POST_ONLY_NOT_ALLOWED: Final = "post_only_not_allowed"
NOT_POSITIVE: Final = "not_positive"


class InstrumentNotFound(NotFound):
    code = "instrument_not_found"
    title = "Instrument not found"

    def __init__(self, symbol: str) -> None:
        super().__init__(f"no instrument is listed as {symbol!r}")


class SymbolTaken(Conflict):
    code = "symbol_taken"
    title = "An instrument with this symbol exists"

    def __init__(self, symbol: str) -> None:
        super().__init__(
            f"{symbol} is already listed",
            errors=[FieldError("symbol", f"{symbol} is already listed", self.code)],
        )


class InstrumentStateInvalid(Conflict):
    code = "instrument_state_invalid"
    title = "The instrument is not in a state that allows this"


class OrderNotFound(NotFound):
    code = "order_not_found"
    title = "Order not found"

    def __init__(self, order_id: UUID) -> None:
        super().__init__(f"no order {order_id} of yours")


class OrderFinished(Conflict):
    """Cancel or amend of an order that no longer rests on the book."""

    code = "order_finished"
    title = "The order is no longer open"


class DuplicateClientOrderId(Conflict):
    code = "duplicate_client_order_id"
    title = "You already placed an order with this client order id"

    def __init__(self, client_order_id: str) -> None:
        message = f"you already placed an order with client order id {client_order_id!r}"
        super().__init__(message, errors=[FieldError("client_order_id", message, self.code)])


class InsufficientBuyingPower(RuleViolated):
    code = "insufficient_funds"
    title = "Not enough cash available for this order"


class InsufficientShares(RuleViolated):
    code = "insufficient_shares"
    title = "Not enough of the instrument available to sell"


class OrderRejected(RuleViolated):
    """The book refused the order as a whole (post-only that would take, a market order with
    nothing to trade against, an amendment that changes nothing): nothing was written."""

    code = "order_rejected"
    title = "The order book rejected the order"


class IdempotencyRequired(RuleViolated):
    code = "client_order_id_or_idempotency_key_required"
    title = "Send an Idempotency-Key header or a client order id"


class MatcherUnavailable(Unavailable):
    code = "matcher_unavailable"
    title = "The instrument's order book is not served by this process"
