"""Contract fixtures: the app as schemathesis sees it, and a real server on a loopback port."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
import schemathesis
from schemathesis.openapi import from_asgi

from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from tests.support.live_server import free_port, start_server, stop_server


@pytest.fixture(scope="session")
def api_schema(settings: Settings) -> schemathesis.BaseSchema:
    # No container passed: the app's own lifespan builds one inside schemathesis's event loop.
    return from_asgi("/api/schema", create_app(settings))


@pytest.fixture(scope="session")
def live_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn process serving the app on 127.0.0.1 (no background workers)."""
    port = free_port()
    process = start_server(database_url, port, tmp_path_factory.mktemp("server") / "server.log")
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)
