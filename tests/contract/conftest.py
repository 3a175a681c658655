"""Contract fixtures: a real server on a loopback port, and the callers a contract run speaks
as."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from tests.support.accounts import Accounts
from tests.support.admins import super_admin
from tests.support.live_server import free_port, start_server, stop_server

# Not the password of the document's examples (``correct horse battery staple``, which the other
# tests use): with it, the examples phase would change the caller's password and end its session.
CALLER_PASSWORD = "violet tractor measures sundials"


@pytest.fixture(scope="session")
def live_server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real uvicorn process serving the app on 127.0.0.1 (no background workers)."""
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    process = start_server(database_url, port, log, within=120)  # a busy machine starts slowly
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
async def callers(
    live_server: str, settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[dict[str, dict[str, str]]]:
    """The headers of each caller of a contract run, made on ``live_server`` as a person
    would: nobody, an investor who registered with the codes from the outbox, and a super
    admin (made by the create-admin use case) who turned two-factor on, as admin roles
    require. Each request of a run carries the caller's bearer token."""
    container = build_container(settings, database_url, engine=engine)
    app = create_app(settings, container=container)
    async with httpx.AsyncClient(base_url=live_server, timeout=30) as client:
        accounts = Accounts(client, container)
        investor = await accounts.register(password=CALLER_PASSWORD)
        admin = await super_admin(app, accounts, CALLER_PASSWORD)
    yield {"anonymous": {}, "investor": investor.headers, "admin": admin.headers}
    await container.aclose()
