"""The transfer workflow's settings, as its use cases need them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Final

# The KYC capability both parties need for the price to settle on the platform.
SETTLEMENT_CAPABILITY: Final = "transfer"


@dataclass(frozen=True, slots=True, kw_only=True)
class TransferConfig:
    idempotency_ttl: timedelta
    # How long after its ROFR window a transfer may stay unfinished before the worker expires it.
    stale_after: timedelta = timedelta(days=60)
    sweep_batch: int = 200  # transfers the worker handles in one round
