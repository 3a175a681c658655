"""Trading's settings, as the use cases see them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from usecases.shared.idempotency import DEFAULT_TTL


@dataclass(frozen=True, slots=True, kw_only=True)
class TradingConfig:
    fee_bps: int = 10  # each side pays this many basis points of its fill's cash
    batch_window: timedelta = timedelta(milliseconds=2)  # how long a batch waits for more
    max_batch: int = 256
    partitions: int = 8  # instruments are spread over this many single-writer partitions
    idempotency_ttl: timedelta = DEFAULT_TTL
    expiry_batch: int = 500
