"""A brokerage position: how much of an instrument a user holds and what it cost.

Cost basis is the cash paid for what is still held, fees included; a sale takes out the
average cost of what it sold and realizes the difference to what it brought in after its fee.
Holdings of platform companies recorded in the cap table are a different context and never
appear here."""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime
from decimal import Decimal
from uuid import UUID

from domain.shared.ids import UserId

COST_PLACES = Decimal("0.00000001")  # NUMERIC(28, 8)


@dataclass(frozen=True, slots=True, kw_only=True)
class Position:
    user_id: UserId
    instrument_id: UUID
    symbol: str
    currency: str
    quantity: Decimal
    cost_basis: Decimal
    realized_pnl: Decimal
    updated_at: datetime

    @classmethod
    def empty(
        cls, user_id: UserId, instrument_id: UUID, symbol: str, currency: str, now: datetime
    ) -> Position:
        zero = Decimal(0)
        return cls(
            user_id=user_id,
            instrument_id=instrument_id,
            symbol=symbol,
            currency=currency,
            quantity=zero,
            cost_basis=zero,
            realized_pnl=zero,
            updated_at=now,
        )

    @property
    def average_cost(self) -> Decimal | None:
        return None if self.quantity == 0 else self.cost_basis / self.quantity

    def bought(self, quantity: Decimal, paid: Decimal, now: datetime) -> Position:
        return replace(
            self,
            quantity=self.quantity + quantity,
            cost_basis=self.cost_basis + paid,
            updated_at=now,
        )

    def sold(self, quantity: Decimal, received: Decimal, now: datetime) -> Position:
        """A sale; of what it sold beyond the position (shares that came to the account
        another way) nothing was paid here, so it costs nothing."""
        held = min(quantity, self.quantity)
        share = (
            (self.cost_basis * held / self.quantity).quantize(COST_PLACES) if held else Decimal(0)
        )
        rest = self.quantity - held
        cost = self.cost_basis - share if rest else Decimal(0)
        taken = self.cost_basis - cost
        return replace(
            self,
            quantity=rest,
            cost_basis=cost,
            realized_pnl=self.realized_pnl + received - taken,
            updated_at=now,
        )

    def market_value(self, last_price: Decimal) -> Decimal:
        return self.quantity * last_price

    def unrealized_pnl(self, last_price: Decimal) -> Decimal:
        return self.market_value(last_price) - self.cost_basis
