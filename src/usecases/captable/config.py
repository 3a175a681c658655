"""The cap table's settings, as its use cases need them."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta


@dataclass(frozen=True, slots=True, kw_only=True)
class CaptableConfig:
    idempotency_ttl: timedelta
    verify_url: str  # "https://meridian.example/api/v1/certificates/{certificate_id}/verify"
    view_cache_ttl_seconds: int = 3600
