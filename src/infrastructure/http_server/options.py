"""The uvicorn options ``meridian serve`` runs with (docs/operations.md#server-limits)."""

from __future__ import annotations

from typing import Any

from infrastructure.config.settings import Settings
from infrastructure.http_server.protocol import PATH
from infrastructure.http_server.websocket import PATH as WEBSOCKET_PATH


def server_options(settings: Settings) -> dict[str, Any]:
    """The limits from ``settings``; the protocol reads the same settings in each worker."""
    return {
        "http": PATH,
        "ws": WEBSOCKET_PATH,  # the live feed's direct frames (docs/market-data.md)
        "h11_max_incomplete_event_size": settings.http_max_header_bytes,  # if run with h11
        "timeout_keep_alive": settings.http_keepalive_seconds,
        "timeout_worker_healthcheck": settings.http_worker_healthcheck_seconds,
    }
