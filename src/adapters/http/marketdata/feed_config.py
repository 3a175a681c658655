"""The WebSocket feed's limits and timings (the ``MARKET_DATA_*`` settings)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True, kw_only=True)
class FeedConfig:
    public: bool  # ticker, trades, level2 and candles without signing in
    auth_timeout_seconds: float
    heartbeat_seconds: float
    max_subscriptions: int  # streams one connection may follow
    max_connections_per_user: int  # across every API worker
    messages_per_second: int  # from one client
    send_queue: int  # frames queued for one client before it is a slow consumer
    symbols_refresh_seconds: float
