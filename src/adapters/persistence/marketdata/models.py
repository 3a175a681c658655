"""Tables of market data: the candles the projector builds from trading's trade log, and the
projector's position in that log (written in the transaction that writes the candles)."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal

from sqlalchemy import BigInteger, CheckConstraint, String
from sqlalchemy.orm import Mapped, mapped_column

from adapters.persistence.base import MONEY, QUANTITY, Base


class CandleRow(Base):
    __tablename__ = "marketdata_candles"

    symbol: Mapped[str] = mapped_column(String(20), primary_key=True)
    interval: Mapped[str] = mapped_column(String(3), primary_key=True)
    open_time: Mapped[datetime] = mapped_column(primary_key=True)
    open: Mapped[Decimal] = mapped_column(MONEY)
    high: Mapped[Decimal] = mapped_column(MONEY)
    low: Mapped[Decimal] = mapped_column(MONEY)
    close: Mapped[Decimal] = mapped_column(MONEY)
    volume: Mapped[Decimal] = mapped_column(QUANTITY)
    trades: Mapped[int] = mapped_column(BigInteger)
    first_trade_at: Mapped[datetime]
    last_trade_at: Mapped[datetime]

    __table_args__ = (
        CheckConstraint("interval IN ('1m', '5m', '1h', '1d')", name="interval"),
        CheckConstraint(
            "low <= open AND low <= close AND high >= open AND high >= close", name="range"
        ),
        CheckConstraint("volume > 0 AND trades > 0", name="counts"),
    )


class ProjectorCursorRow(Base):
    __tablename__ = "marketdata_projector_cursors"

    name: Mapped[str] = mapped_column(String(40), primary_key=True)
    log_transaction: Mapped[int] = mapped_column(BigInteger)
    log_sequence: Mapped[int] = mapped_column(BigInteger)
    trades: Mapped[int] = mapped_column(BigInteger)  # projected so far
    updated_at: Mapped[datetime]
