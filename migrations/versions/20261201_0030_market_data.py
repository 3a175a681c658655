"""market data: trading's fills carry their trade-log position (the writing transaction's id
and a row number), candles of every interval, and the projector's cursor

Revision ID: 0030
Revises: 0029
Create Date: 2026-12-01 20:10:00.000000+00:00
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0030"
down_revision: str | None = "0029"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MONEY = sa.Numeric(precision=28, scale=8, asdecimal=True)


def upgrade() -> None:
    op.add_column(
        "trading_fills",
        sa.Column(
            "log_transaction",
            sa.BigInteger(),
            server_default=sa.text("(pg_current_xact_id())::text::bigint"),
            nullable=False,
        ),
    )
    op.add_column(
        "trading_fills",
        sa.Column("log_sequence", sa.BigInteger(), sa.Identity(always=False), nullable=False),
    )
    op.create_index(
        "ix_trading_fills_trade_log",
        "trading_fills",
        ["log_transaction", "log_sequence"],
        postgresql_where=sa.text("liquidity = 'taker'"),
    )
    op.create_table(
        "marketdata_candles",
        sa.Column("symbol", sa.String(length=20), nullable=False),
        sa.Column("interval", sa.String(length=3), nullable=False),
        sa.Column("open_time", sa.DateTime(timezone=True), nullable=False),
        sa.Column("open", MONEY, nullable=False),
        sa.Column("high", MONEY, nullable=False),
        sa.Column("low", MONEY, nullable=False),
        sa.Column("close", MONEY, nullable=False),
        sa.Column("volume", MONEY, nullable=False),
        sa.Column("trades", sa.BigInteger(), nullable=False),
        sa.Column("first_trade_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("last_trade_at", sa.DateTime(timezone=True), nullable=False),
        sa.CheckConstraint(
            "interval IN ('1m', '5m', '1h', '1d')", name=op.f("ck_marketdata_candles_interval")
        ),
        sa.CheckConstraint(
            "low <= open AND low <= close AND high >= open AND high >= close",
            name=op.f("ck_marketdata_candles_range"),
        ),
        sa.CheckConstraint("volume > 0 AND trades > 0", name=op.f("ck_marketdata_candles_counts")),
        sa.PrimaryKeyConstraint(
            "symbol", "interval", "open_time", name=op.f("pk_marketdata_candles")
        ),
    )
    op.create_table(
        "marketdata_projector_cursors",
        sa.Column("name", sa.String(length=40), nullable=False),
        sa.Column("log_transaction", sa.BigInteger(), nullable=False),
        sa.Column("log_sequence", sa.BigInteger(), nullable=False),
        sa.Column("trades", sa.BigInteger(), nullable=False),
        sa.Column("updated_at", sa.DateTime(timezone=True), nullable=False),
        sa.PrimaryKeyConstraint("name", name=op.f("pk_marketdata_projector_cursors")),
    )


def downgrade() -> None:
    op.drop_table("marketdata_projector_cursors")
    op.drop_table("marketdata_candles")
    op.drop_index("ix_trading_fills_trade_log", table_name="trading_fills")
    op.drop_column("trading_fills", "log_sequence")
    op.drop_column("trading_fills", "log_transaction")
