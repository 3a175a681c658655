"""An order as the trading context keeps it: the client's terms, what filled, and where it
stands. The API knows it by a UUID; the matching engine by ``sequence``, an ``int`` increasing
per instrument in the order of arrival. ``priority`` is its place in the queue of its price
level: the sequence it arrived with, or a newer number when an amendment loses priority; the
book is rebuilt on start-up by placing the resting orders in priority order."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.shared.ids import UserId
from domain.trading.matching.events import CancelReason
from domain.trading.order_status import EndedBy, Fill, order_status
from domain.trading.terms import OrderStatus, OrderType, SelfTradePrevention, Side, TimeInForce


@dataclass(frozen=True, slots=True, kw_only=True)
class Order:
    id: UUID
    instrument_id: UUID
    symbol: str
    currency: str
    sequence: int
    priority: int
    user_id: UserId
    client_order_id: str | None
    side: Side
    order_type: OrderType
    time_in_force: TimeInForce
    price: Decimal | None  # the limit as sent; None for a market order
    limit_price: Decimal  # the limit, or a market order's collar: what a buy holds at
    quantity: Decimal
    filled_quantity: Decimal
    open_quantity: Decimal
    filled_notional: Decimal  # the exact sum of price x quantity of the fills
    cash: Decimal  # the cash of the fills (paid by a buy, received by a sell), before fees
    fees: Decimal
    status: OrderStatus
    post_only: bool
    self_trade_prevention: SelfTradePrevention
    expires_at: datetime | None
    resting: bool
    reason: str | None
    hold_id: UUID | None
    created_at: datetime
    updated_at: datetime

    @property
    def average_price(self) -> Decimal | None:
        if self.filled_quantity == 0:
            return None
        return self.filled_notional / self.filled_quantity

    @property
    def open_notional(self) -> Decimal:
        return self.open_quantity * self.limit_price

    def filled(
        self, quantity: Decimal, notional: Decimal, cash: Decimal, fee: Decimal, now: datetime
    ) -> Order:
        filled = self.filled_quantity + quantity
        open_quantity = self.open_quantity - quantity
        done = open_quantity == 0
        changed = replace(
            self,
            filled_quantity=filled,
            open_quantity=open_quantity,
            filled_notional=self.filled_notional + notional,
            cash=self.cash + cash,
            fees=self.fees + fee,
            resting=self.resting and not done,
            updated_at=now,
            # the final word on a remainder comes with its ending (rests, ended, expired)
            status=OrderStatus.FILLED if done else OrderStatus.PARTIALLY_FILLED,
        )
        return changed

    def rests(self, now: datetime) -> Order:
        return replace(self, resting=True, updated_at=now).with_status(EndedBy.NOTHING)

    def ended(self, reason: CancelReason, now: datetime) -> Order:
        """What is open will never fill: cancelled by its owner, or stopped by the system
        (an IOC, FOK or market remainder, a killed FOK, self-trade prevention)."""
        ending = EndedBy.OWNER if reason is CancelReason.REQUESTED else EndedBy.SYSTEM
        changed = replace(
            self, open_quantity=Decimal(0), resting=False, reason=reason.value, updated_at=now
        )
        return changed.with_status(ending)

    def expired(self, now: datetime) -> Order:
        changed = replace(
            self, open_quantity=Decimal(0), resting=False, reason="expired", updated_at=now
        )
        return changed.with_status(EndedBy.EXPIRY)

    @property
    def fill(self) -> Fill:
        if self.filled_quantity == 0:
            return Fill.NONE
        return Fill.FULL if self.filled_quantity == self.quantity else Fill.PARTIAL

    def with_status(self, ending: EndedBy) -> Order:
        """The status the table of ``order_status`` gives this order now."""
        return replace(self, status=order_status(self.time_in_force, self.fill, ending))

    def amended(
        self, price: Decimal, open_quantity: Decimal, priority: int, now: datetime
    ) -> Order:
        return replace(
            self,
            price=price,
            limit_price=price,
            open_quantity=open_quantity,
            quantity=self.filled_quantity + open_quantity,
            priority=priority,
            updated_at=now,
        )

    def decremented(self, quantity: Decimal, now: datetime) -> Order:
        """Self-trade prevention took ``quantity`` off with no trade."""
        return replace(
            self,
            quantity=self.quantity - quantity,
            open_quantity=self.open_quantity - quantity,
            updated_at=now,
        )

    def holding(self, hold_id: UUID | None) -> Order:
        return replace(self, hold_id=hold_id)
