"""A trade settled in the ledger inside the batch's transaction, and what it changes besides:

- cash: the buyer's hold is captured for the fill's cash and the buyer's fee; the seller's
  cash account gets the cash less the seller's fee, the platform fee account both fees (one
  balanced entry, ``trade:<id>:cash``);
- securities: the seller's hold on the instrument is captured to the buyer's securities
  account (``trade:<id>:securities``);
- what a capture freed beyond the fill is held again for the order's open rest (a buy at what
  it can still cost at its limit: ``buying_power.buy_hold``), so a partly filled order keeps
  exactly what it needs on hold and a better price frees the difference at once;
- one fill row per side and both positions (applied at the batch's end, from one read of
  the positions it changed).

Every amount is the instrument's currency: the buyer's cash account in that currency is the
one that pays (no conversion happens here; docs/trading.md, "Currency")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any
from uuid import UUID

from domain.shared.ids import UserId, new_uuid
from domain.trading.buying_power import buy_hold, fill_cash, fill_fee
from domain.trading.fill import Fill, Liquidity
from domain.trading.instrument import Instrument
from domain.trading.matching.events import Trade
from domain.trading.order import Order
from domain.trading.position import Position
from domain.trading.terms import Side
from usecases.ledger.public import AccountId, AccountKind, AccountSpec, Asset, HoldId, Leg
from usecases.trading.ports import TradingUnitOfWork


def cash_asset(instrument: Instrument) -> Asset:
    return Asset.currency(instrument.currency)


def securities_asset(instrument: Instrument) -> Asset:
    return Asset.instrument(instrument.symbol, instrument.quantity_places)


@dataclass(slots=True)
class Settlement:
    uow: TradingUnitOfWork
    fee_bps: int
    now: datetime
    fills: list[Fill] = field(default_factory=list)
    positions: dict[tuple[UserId, UUID], Position] = field(default_factory=dict)
    _accounts: dict[tuple[UserId | None, AccountKind, str], AccountId] = field(default_factory=dict)
    # each side of each trade, for its position: (instrument, user, quantity, cash, buying)
    _moves: list[tuple[Instrument, UserId, Decimal, Decimal, bool]] = field(default_factory=list)

    def share_accounts(self, accounts: dict[Any, Any]) -> None:
        """Use (and fill) the owner's cache of account ids, kept across its batches."""
        self._accounts = accounts

    async def account(self, owner: UserId | None, kind: AccountKind, asset: Asset) -> AccountId:
        key = (owner, kind, asset.code)
        found = self._accounts.get(key)
        if found is None:
            found = (await self.uow.ledger.open_account(AccountSpec(owner, kind, asset))).id
            self._accounts[key] = found
        return found

    async def lock(self, specs: Sequence[AccountSpec]) -> list[AccountSpec]:
        """Lock these accounts for the batch, all at once in account-id order, before it
        writes any (``account_locks``): its later holds, captures and releases of them lock
        nothing more. Answers the specs of those not opened yet."""
        if not specs:
            return []
        found = set()
        for account in await self.uow.ledger.lock_accounts(specs):
            key = (account.owner, account.kind, account.asset.code)
            self._accounts[key] = account.id
            found.add(key)
        return [s for s in specs if (s.owner, s.kind, s.asset.code) not in found]

    async def hold(self, order: Order, instrument: Instrument) -> Order:
        """Set aside what the order needs for its open quantity (raises ``InsufficientFunds``
        when it is not there); a zero need holds nothing."""
        if order.side is Side.BUY:
            asset, kind = cash_asset(instrument), AccountKind.USER_CASH
            amount = buy_hold(
                order.filled_notional, order.open_notional, self.fee_bps, instrument.currency
            )
        else:
            asset, kind = securities_asset(instrument), AccountKind.USER_SECURITIES
            amount = order.open_quantity
        if amount <= 0 or order.open_quantity <= 0:
            return order.holding(None)
        account = await self.account(order.user_id, kind, asset)
        placed = await self.uow.ledger.place_hold(
            account, amount, memo=f"{order.side} {order.quantity} {order.symbol} order {order.id}"
        )
        return order.holding(placed.id)

    async def release(self, order: Order) -> Order:
        if order.hold_id is not None:
            await self.uow.ledger.release_hold(HoldId(order.hold_id))
        return order.holding(None)

    async def trade(
        self, instrument: Instrument, event: Trade, taker: Order, maker: Order
    ) -> tuple[Order, Order]:
        """Settle ``event``; the taker and the maker as they are after it."""
        buy, sell = (taker, maker) if event.taker_side is Side.BUY else (maker, taker)
        currency = instrument.currency
        price = instrument.price_of(event.price)
        quantity = instrument.quantity_of(event.quantity)
        notional = price * quantity
        cash = fill_cash(buy.filled_notional, notional, currency)
        buyer_fee = fill_fee(buy.filled_notional, notional, self.fee_bps, currency)
        seller_fee = fill_fee(sell.cash, cash, self.fee_bps, currency)
        trade_id = new_uuid()
        entry_id = await self._move_cash(
            instrument, trade_id, buy, sell, cash, buyer_fee, seller_fee
        )
        await self._move_securities(instrument, trade_id, buy, sell, quantity)
        bought = buy.filled(quantity, notional, cash, buyer_fee, self.now)
        sold = sell.filled(quantity, notional, cash, seller_fee, self.now)
        if cash + buyer_fee > 0:
            bought = await self.hold(bought, instrument)  # its hold was captured: what rests
        elif bought.open_quantity == 0:
            bought = await self.release(bought)  # filled by a fill finer than a cent
        sold = await self.hold(sold, instrument)
        taker_side = event.taker_side
        for order, fee, liquidity in (
            (bought, buyer_fee, Liquidity.TAKER if taker_side is Side.BUY else Liquidity.MAKER),
            (sold, seller_fee, Liquidity.TAKER if taker_side is Side.SELL else Liquidity.MAKER),
        ):
            self.fills.append(
                Fill(
                    id=new_uuid(),
                    trade_id=trade_id,
                    order_id=order.id,
                    instrument_id=instrument.id,
                    symbol=instrument.symbol,
                    user_id=order.user_id,
                    side=order.side,
                    liquidity=liquidity,
                    price=price,
                    quantity=quantity,
                    cash=cash,
                    fee=fee,
                    currency=currency,
                    journal_entry_id=entry_id,
                    created_at=self.now,
                )
            )
        self._moves.append((instrument, bought.user_id, quantity, cash + buyer_fee, True))
        self._moves.append((instrument, sold.user_id, quantity, cash - seller_fee, False))
        return (bought, sold) if taker_side is Side.BUY else (sold, bought)

    async def _move_cash(
        self,
        instrument: Instrument,
        trade_id: UUID,
        buy: Order,
        sell: Order,
        cash: Decimal,
        buyer_fee: Decimal,
        seller_fee: Decimal,
    ) -> UUID | None:
        taken = cash + buyer_fee
        if taken <= 0:  # a fill finer than a cent: its cash comes with the order's next one
            return None
        asset = cash_asset(instrument)
        legs = []
        if cash - seller_fee > 0:
            seller = await self.account(sell.user_id, AccountKind.USER_CASH, asset)
            legs.append(Leg(seller, cash - seller_fee))
        if buyer_fee + seller_fee > 0:
            fees = await self.account(None, AccountKind.PLATFORM_FEES, asset)
            legs.append(Leg(fees, buyer_fee + seller_fee))
        assert buy.hold_id is not None, "a buy that can take cash holds it"
        _, entry = await self.uow.ledger.capture_hold(
            HoldId(buy.hold_id),
            legs,
            memo=f"trade of {instrument.symbol}: cash",
            reference=f"trade:{trade_id}:cash",
            metadata={
                "kind": "trade",
                "trade_id": str(trade_id),
                "symbol": instrument.symbol,
                "cash": str(cash),
                "buyer_fee": str(buyer_fee),
                "seller_fee": str(seller_fee),
            },
        )
        return entry.id

    async def _move_securities(
        self, instrument: Instrument, trade_id: UUID, buy: Order, sell: Order, quantity: Decimal
    ) -> None:
        buyer = await self.account(
            buy.user_id, AccountKind.USER_SECURITIES, securities_asset(instrument)
        )
        assert sell.hold_id is not None, "a sell holds what it sells"
        await self.uow.ledger.capture_hold(
            HoldId(sell.hold_id),
            [Leg(buyer, quantity)],
            memo=f"trade of {instrument.symbol}: securities",
            reference=f"trade:{trade_id}:securities",
            metadata={"kind": "trade", "trade_id": str(trade_id), "symbol": instrument.symbol},
        )

    async def settled_positions(self) -> list[Position]:
        """The positions the batch's trades changed, as they are after them: the ones that
        exist read in one statement, then each trade applied in the order it happened."""
        keys = {(user, instrument.id) for instrument, user, *_ in self._moves}
        wanted = keys - set(self.positions)
        if wanted:
            self.positions |= await self.uow.positions.get_many(wanted)
        for instrument, user, quantity, cash, buying in self._moves:
            key = (user, instrument.id)
            position = self.positions.get(key) or Position.empty(
                user, instrument.id, instrument.symbol, instrument.currency, self.now
            )
            if buying:
                position = position.bought(quantity, cash, self.now)
            else:
                position = position.sold(quantity, cash, self.now)
            self.positions[key] = position
        self._moves.clear()
        return [self.positions[key] for key in sorted(keys, key=str)]
