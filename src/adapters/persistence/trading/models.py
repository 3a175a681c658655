"""Tables of trading: instruments, orders (with their engine sequence and queue priority),
fills (one row per side of a trade) and brokerage positions."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from uuid import UUID

from sqlalchemy import (
    BigInteger,
    Boolean,
    CheckConstraint,
    ForeignKey,
    Identity,
    Index,
    String,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import MONEY, QUANTITY, Base

# The writing transaction's id (64 bits, epoch included), the trade log's first key.
LOG_TRANSACTION = text("(pg_current_xact_id())::text::bigint")


class InstrumentRow(Base):
    __tablename__ = "trading_instruments"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    symbol: Mapped[str] = mapped_column(String(20), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    asset_class: Mapped[str] = mapped_column(String(8))
    currency: Mapped[str] = mapped_column(String(3))
    tick_size: Mapped[Decimal] = mapped_column(MONEY)
    lot_size: Mapped[Decimal] = mapped_column(QUANTITY)
    min_notional: Mapped[Decimal] = mapped_column(MONEY)
    band_percent: Mapped[Decimal] = mapped_column(MONEY)
    reference_price: Mapped[Decimal] = mapped_column(MONEY)
    last_price: Mapped[Decimal | None] = mapped_column(MONEY)
    trading_hours: Mapped[str] = mapped_column(String(16))
    status: Mapped[str] = mapped_column(String(8))
    created_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("asset_class IN ('stock', 'etf', 'bond', 'crypto')", name="asset_class"),
        CheckConstraint("status IN ('active', 'halted')", name="status"),
        CheckConstraint("tick_size > 0 AND lot_size > 0 AND reference_price > 0", name="grid"),
    )


class OrderRow(Base):
    __tablename__ = "trading_orders"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    instrument_id: Mapped[UUID] = mapped_column(ForeignKey("trading_instruments.id"))
    symbol: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    sequence: Mapped[int] = mapped_column(BigInteger)
    priority: Mapped[int] = mapped_column(BigInteger)
    user_id: Mapped[UUID]
    client_order_id: Mapped[str | None] = mapped_column(String(64))
    side: Mapped[str] = mapped_column(String(4))
    order_type: Mapped[str] = mapped_column(String(8))
    time_in_force: Mapped[str] = mapped_column(String(4))
    price: Mapped[Decimal | None] = mapped_column(MONEY)
    limit_price: Mapped[Decimal] = mapped_column(MONEY)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    filled_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    open_quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    filled_notional: Mapped[Decimal] = mapped_column(MONEY)
    cash: Mapped[Decimal] = mapped_column(MONEY)
    fees: Mapped[Decimal] = mapped_column(MONEY)
    status: Mapped[str] = mapped_column(String(16))
    post_only: Mapped[bool] = mapped_column(Boolean)
    self_trade_prevention: Mapped[str] = mapped_column(String(16))
    expires_at: Mapped[datetime | None]
    resting: Mapped[bool] = mapped_column(Boolean)
    reason: Mapped[str | None] = mapped_column(String(32))
    hold_id: Mapped[UUID | None]
    created_at: Mapped[datetime]
    updated_at: Mapped[datetime]

    __table_args__ = (
        UniqueConstraint("instrument_id", "sequence"),
        CheckConstraint("side IN ('buy', 'sell')", name="side"),
        CheckConstraint(
            "open_quantity >= 0 AND filled_quantity >= 0 AND filled_quantity <= quantity",
            name="quantities",
        ),
        # a client order id is unique per user
        Index(
            "uq_trading_orders_user_id_client_order_id",
            "user_id",
            "client_order_id",
            unique=True,
            postgresql_where=text("client_order_id IS NOT NULL"),
        ),
        # the book's rebuild: resting orders of an instrument in priority order
        Index(
            "ix_trading_orders_resting",
            "instrument_id",
            "priority",
            postgresql_where=text("resting"),
        ),
        Index("ix_trading_orders_expiry", "expires_at", postgresql_where=text("resting")),
        Index("ix_trading_orders_user_id_created_at_id", "user_id", "created_at", "id"),
    )


class FillRow(Base):
    __tablename__ = "trading_fills"

    id: Mapped[UUID] = mapped_column(primary_key=True)
    trade_id: Mapped[UUID]
    order_id: Mapped[UUID] = mapped_column(ForeignKey("trading_orders.id"))
    instrument_id: Mapped[UUID] = mapped_column(ForeignKey("trading_instruments.id"))
    symbol: Mapped[str] = mapped_column(String(20))
    user_id: Mapped[UUID]
    side: Mapped[str] = mapped_column(String(4))
    liquidity: Mapped[str] = mapped_column(String(5))
    price: Mapped[Decimal] = mapped_column(MONEY)
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    cash: Mapped[Decimal] = mapped_column(MONEY)
    fee: Mapped[Decimal] = mapped_column(MONEY)
    currency: Mapped[str] = mapped_column(String(3))
    journal_entry_id: Mapped[UUID | None]
    created_at: Mapped[datetime]
    # The trade log's position (docs/market-data.md#the-projector), both given by the
    # database: the id of the transaction that wrote the row and the row's number in it.
    log_transaction: Mapped[int] = mapped_column(BigInteger, server_default=LOG_TRANSACTION)
    log_sequence: Mapped[int] = mapped_column(BigInteger, Identity(always=False))

    __table_args__ = (
        UniqueConstraint("trade_id", "side"),
        # the trade log: one row per trade (the taker's side), in log order
        Index(
            "ix_trading_fills_trade_log",
            "log_transaction",
            "log_sequence",
            postgresql_where=text("liquidity = 'taker'"),
        ),
        Index("ix_trading_fills_user_id_created_at_id", "user_id", "created_at", "id"),
        Index("ix_trading_fills_order_id", "order_id"),
    )


class PositionRow(Base):
    __tablename__ = "trading_positions"

    user_id: Mapped[UUID] = mapped_column(primary_key=True)
    instrument_id: Mapped[UUID] = mapped_column(
        ForeignKey("trading_instruments.id"), primary_key=True
    )
    symbol: Mapped[str] = mapped_column(String(20))
    currency: Mapped[str] = mapped_column(String(3))
    quantity: Mapped[Decimal] = mapped_column(QUANTITY)
    cost_basis: Mapped[Decimal] = mapped_column(MONEY)
    realized_pnl: Mapped[Decimal] = mapped_column(MONEY)
    updated_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("quantity >= 0", name="quantity"),
        Index("ix_trading_positions_user_id_symbol", "user_id", "symbol"),
    )
