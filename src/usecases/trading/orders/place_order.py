"""Use case: a verified investor places an order (``Idempotency-Key`` or a client order id
required, so a retry never places it twice).

Checked here, every offending field at once, before anything is queued: the instrument
(unknown, halted, market closed), the grid (tick, lot), the band, the minimum notional and
the terms (a limit has a price, a market order none...); KYC's ``trade`` capability. The
instrument's matcher then, in its batch transaction: the idempotency key, the client order id
(unique per user), the hold (cash for a buy at its limit or collar plus the maximum fee,
the instrument for a sell), the book, the trades settled in the ledger. The answer comes after
that transaction has committed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from domain.shared.actor import Actor
from domain.shared.clock import Clock
from domain.shared.ids import new_uuid
from domain.trading.errors import IdempotencyRequired
from domain.trading.order import Order
from domain.trading.order_checks import OrderTerms, check_new_order
from domain.trading.terms import OrderStatus, OrderType, SelfTradePrevention, Side, TimeInForce
from usecases.kyc.public.kyc_gate import KycGate
from usecases.shared.idempotency import IdempotencyKey, Idempotent
from usecases.trading.access import TRADE_CAPABILITY, trader
from usecases.trading.matcher.matcher import Matcher
from usecases.trading.matcher.requests import Place
from usecases.trading.ports import TradingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class PlaceOrder:
    actor: Actor
    symbol: str
    side: Side
    order_type: OrderType
    quantity: Decimal
    price: Decimal | None = None
    time_in_force: TimeInForce = TimeInForce.GTC
    post_only: bool = False
    self_trade_prevention: SelfTradePrevention = SelfTradePrevention.CANCEL_NEWEST
    expires_at: datetime | None = None
    client_order_id: str | None = None
    idempotency: IdempotencyKey | None = None


class PlaceOrderHandler:
    def __init__(
        self, uow: TradingUnitOfWork, kyc: KycGate, matcher: Matcher, clock: Clock
    ) -> None:
        self._uow = uow
        self._kyc = kyc
        self._matcher = matcher
        self._clock = clock

    async def execute(self, cmd: PlaceOrder) -> Idempotent[Order]:
        user = trader(cmd.actor)
        if cmd.idempotency is None and cmd.client_order_id is None:
            raise IdempotencyRequired(
                "send an Idempotency-Key header or a client_order_id, so a retry cannot "
                "place the order twice"
            )
        await self._kyc.require(user, TRADE_CAPABILITY)
        now = self._clock.now()
        async with self._uow as uow:
            instrument = await uow.instruments.by_symbol(cmd.symbol)
        terms = OrderTerms(
            symbol=cmd.symbol,
            side=cmd.side,
            order_type=cmd.order_type,
            time_in_force=cmd.time_in_force,
            quantity=cmd.quantity,
            price=cmd.price,
            post_only=cmd.post_only,
            expires_at=cmd.expires_at,
        )
        checked = check_new_order(instrument, terms, now)
        assert instrument is not None
        zero = Decimal(0)
        order = Order(
            id=new_uuid(),
            instrument_id=instrument.id,
            symbol=instrument.symbol,
            currency=instrument.currency,
            sequence=0,
            priority=0,
            user_id=user,
            client_order_id=cmd.client_order_id,
            side=cmd.side,
            order_type=cmd.order_type,
            time_in_force=cmd.time_in_force,
            price=cmd.price,
            limit_price=checked.limit_price,
            quantity=cmd.quantity,
            filled_quantity=zero,
            open_quantity=cmd.quantity,
            filled_notional=zero,
            cash=zero,
            fees=zero,
            status=OrderStatus.ACCEPTED,
            post_only=cmd.post_only,
            self_trade_prevention=cmd.self_trade_prevention,
            expires_at=checked.expires_at,
            resting=False,
            reason=None,
            hold_id=None,
            created_at=now,
            updated_at=now,
        )
        outcome: Idempotent[Order] = await self._matcher.submit(
            instrument.id,
            Place(
                actor=cmd.actor,
                order=order,
                lots=checked.lots,
                ticks=checked.ticks,
                idempotency=cmd.idempotency,
            ),
        )
        return outcome
