"""trading: listed instruments (grid, band, hours, status), orders with their engine sequence
and queue priority (a client order id unique per user; the resting orders of an instrument in
priority order for the book's rebuild), fills (one row per side of a trade) and brokerage
positions

Revision ID: 0025
Revises: 0024
Create Date: 2026-12-01 16:54:38.759370+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0025"
down_revision: str | None = "0024"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "trading_instruments",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("name", sa.String(length=200), nullable=False),
        sa.Column("asset_class", sa.String(length=8), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("tick_size", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("lot_size", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("min_notional", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("band_percent", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("reference_price", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("last_price", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("trading_hours", sa.String(length=16), nullable=False),
        sa.Column("status", sa.String(length=8), nullable=False),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "asset_class IN ('stock', 'etf', 'bond', 'crypto')",
            name=op.f("ck_trading_instruments_asset_class"),
        ),
        sa.CheckConstraint(
            "status IN ('active', 'halted')", name=op.f("ck_trading_instruments_status")
        ),
        sa.CheckConstraint(
            "tick_size > 0 AND lot_size > 0 AND reference_price > 0",
            name=op.f("ck_trading_instruments_grid"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_instruments")),
        sa.UniqueConstraint("symbol", name=op.f("uq_trading_instruments_symbol")),
    )
    op.create_table(
        "trading_orders",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("instrument_id", sa.Uuid(), nullable=False),
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("sequence", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.BigInteger(), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("client_order_id", sa.String(length=64), nullable=True),
        sa.Column("side", sa.String(length=4), nullable=False),
        sa.Column("order_type", sa.String(length=8), nullable=False),
        sa.Column("time_in_force", sa.String(length=4), nullable=False),
        sa.Column("price", sa.Numeric(precision=28, scale=8), nullable=True),
        sa.Column("limit_price", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("filled_quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("open_quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("filled_notional", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("cash", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("fees", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("status", sa.String(length=16), nullable=False),
        sa.Column("post_only", sa.Boolean(), nullable=False),
        sa.Column("self_trade_prevention", sa.String(length=16), nullable=False),
        sa.Column("expires_at", sa.DateTime(timezone=True), nullable=True),
        sa.Column("resting", sa.Boolean(), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=True),
        sa.Column("hold_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("side IN ('buy', 'sell')", name=op.f("ck_trading_orders_side")),
        sa.CheckConstraint(
            "open_quantity >= 0 AND filled_quantity >= 0 AND filled_quantity <= quantity",
            name=op.f("ck_trading_orders_quantities"),
        ),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["trading_instruments.id"],
            name=op.f("fk_trading_orders_instrument_id_trading_instruments"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_orders")),
        sa.UniqueConstraint(
            "instrument_id", "sequence", name=op.f("uq_trading_orders_instrument_id_sequence")
        ),
    )
    op.create_index(
        "ix_trading_orders_expiry",
        "trading_orders",
        ["expires_at"],
        unique=False,
        postgresql_where=sa.text("resting"),
    )
    op.create_index(
        "ix_trading_orders_resting",
        "trading_orders",
        ["instrument_id", "priority"],
        unique=False,
        postgresql_where=sa.text("resting"),
    )
    op.create_index(
        "ix_trading_orders_user_id_created_at_id",
        "trading_orders",
        ["user_id", "created_at", "id"],
        unique=False,
    )
    op.create_index(
        "uq_trading_orders_user_id_client_order_id",
        "trading_orders",
        ["user_id", "client_order_id"],
        unique=True,
        postgresql_where=sa.text("client_order_id IS NOT NULL"),
    )
    op.create_table(
        "trading_positions",
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("instrument_id", sa.Uuid(), nullable=False),
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("cost_basis", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("realized_pnl", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint("quantity >= 0", name=op.f("ck_trading_positions_quantity")),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["trading_instruments.id"],
            name=op.f("fk_trading_positions_instrument_id_trading_instruments"),
        ),
        sa.PrimaryKeyConstraint("user_id", "instrument_id", name=op.f("pk_trading_positions")),
    )
    op.create_index(
        "ix_trading_positions_user_id_symbol",
        "trading_positions",
        ["user_id", "symbol"],
        unique=False,
    )
    op.create_table(
        "trading_fills",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("trade_id", sa.Uuid(), nullable=False),
        sa.Column("order_id", sa.Uuid(), nullable=False),
        sa.Column("instrument_id", sa.Uuid(), nullable=False),
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("side", sa.String(length=4), nullable=False),
        sa.Column("liquidity", sa.String(length=5), nullable=False),
        sa.Column("price", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("quantity", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("cash", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("fee", sa.Numeric(precision=28, scale=8), nullable=False),
        sa.Column("currency", sa.String(length=3), nullable=False),
        sa.Column("journal_entry_id", sa.Uuid(), nullable=True),
        sa.Column("created_at", sa.DateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(
            ["instrument_id"],
            ["trading_instruments.id"],
            name=op.f("fk_trading_fills_instrument_id_trading_instruments"),
        ),
        sa.ForeignKeyConstraint(
            ["order_id"],
            ["trading_orders.id"],
            name=op.f("fk_trading_fills_order_id_trading_orders"),
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_trading_fills")),
        sa.UniqueConstraint("trade_id", "side", name=op.f("uq_trading_fills_trade_id_side")),
    )
    op.create_index("ix_trading_fills_order_id", "trading_fills", ["order_id"], unique=False)
    op.create_index(
        "ix_trading_fills_user_id_created_at_id",
        "trading_fills",
        ["user_id", "created_at", "id"],
        unique=False,
    )


def downgrade() -> None:
    op.drop_index("ix_trading_fills_user_id_created_at_id", table_name="trading_fills")
    op.drop_index("ix_trading_fills_order_id", table_name="trading_fills")
    op.drop_table("trading_fills")
    op.drop_index("ix_trading_positions_user_id_symbol", table_name="trading_positions")
    op.drop_table("trading_positions")
    op.drop_index(
        "uq_trading_orders_user_id_client_order_id",
        table_name="trading_orders",
        postgresql_where=sa.text("client_order_id IS NOT NULL"),
    )
    op.drop_index("ix_trading_orders_user_id_created_at_id", table_name="trading_orders")
    op.drop_index(
        "ix_trading_orders_resting",
        table_name="trading_orders",
        postgresql_where=sa.text("resting"),
    )
    op.drop_index(
        "ix_trading_orders_expiry", table_name="trading_orders", postgresql_where=sa.text("resting")
    )
    op.drop_table("trading_orders")
    op.drop_table("trading_instruments")
