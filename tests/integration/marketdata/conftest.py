"""A real uvicorn server with two workers on a loopback port, its own database (instruments
listed) and its own Redis namespace, and a feed bus on the same Redis to publish into it."""

from __future__ import annotations

import asyncio
import json
import subprocess
import uuid
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from redis.asyncio import Redis
from sqlalchemy import make_url
from websockets.asyncio.client import ClientConnection, connect

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.database import migrations
from infrastructure.http_server.websocket import PATH as WEBSOCKET_PROTOCOL
from infrastructure.pubsub.feed_redis import RedisFeedBus
from tests.support.accounts import Accounts
from tests.support.databases import drop_database, recreate_database
from tests.support.live_server import free_port, start_process, stop_server, uvicorn_command
from tests.support.processes import meridian

# Small limits and quick timings, so each is reached in a test.
FEED_ENV = {
    "MARKET_DATA_HEARTBEAT_SECONDS": "1",
    "MARKET_DATA_AUTH_TIMEOUT_SECONDS": "1",
    "MARKET_DATA_MAX_SUBSCRIPTIONS": "12",
    "MARKET_DATA_MAX_CONNECTIONS_PER_USER": "2",
    "MARKET_DATA_CLIENT_MESSAGES_PER_SECOND": "10",
    "MARKET_DATA_SEND_QUEUE": "1000",
    "AUTH_RATE_LIMIT_PER_IP": "1000",
    "ARGON2_MEMORY_KIB": "8192",  # registrations quicker; the feed is what is tested
    "ARGON2_TIME_COST": "1",
}


@dataclass
class LiveServer:
    process: subprocess.Popen[bytes]
    database_url: str
    env: dict[str, str]
    port: int
    log: Path
    namespace: str

    def restart(self) -> None:
        """The whole server again, on the same port, database and Redis namespace."""
        stop_server(self.process)
        self.process = start_feed_server(self.database_url, self.env, self.port, self.log)


@dataclass
class FeedServer:
    live: LiveServer
    bus: RedisFeedBus  # the feed the server listens to: what a test publishes, clients get

    @property
    def url(self) -> str:
        return f"ws://127.0.0.1:{self.live.port}/ws/market-data"

    @property
    def http(self) -> str:
        return f"http://127.0.0.1:{self.live.port}"

    def client(self, **options: Any) -> Any:
        return connect(self.url, open_timeout=10, **options)


async def receive(ws: ClientConnection, within: float = 5.0) -> dict[str, Any]:
    frame: dict[str, Any] = json.loads(await asyncio.wait_for(ws.recv(), within))
    return frame


async def receive_until(
    ws: ClientConnection, kind: str, within: float = 5.0, **match: Any
) -> dict[str, Any]:
    """The next frame of type ``kind`` (and the fields ``match``), skipping heartbeats."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + within
    while True:
        frame = await receive(ws, max(deadline - loop.time(), 0.01))
        if frame["type"] == kind and all(frame.get(k) == v for k, v in match.items()):
            return frame
        if frame["type"] == "error" and kind != "error":
            raise AssertionError(f"error frame while waiting for {kind}: {frame}")


async def send(ws: ClientConnection, message: dict[str, Any]) -> None:
    await ws.send(json.dumps(message))


def server_env(database_url: str, redis_url: str, namespace: str) -> dict[str, str]:
    return FEED_ENV | {"REDIS_URL": redis_url, "REDIS_NAMESPACE": namespace}


@pytest.fixture(scope="module")
async def feed_database(database_url: str) -> AsyncIterator[str]:
    name = (make_url(database_url).database or "meridian") + "_feed"
    url = await recreate_database(database_url, name[:63])
    await asyncio.to_thread(migrations.upgrade, url)
    seeded = await meridian(url, "trading", "seed")
    assert seeded.returncode == 0, seeded.stdout + seeded.stderr
    yield url
    await drop_database(database_url, name[:63])


def start_feed_server(
    database_url: str, env: dict[str, str], port: int, log: Path
) -> subprocess.Popen[bytes]:
    command = uvicorn_command(port, "--workers", "2", "--ws", WEBSOCKET_PROTOCOL)
    return start_process(command, database_url, port, log, env, within=120)


@pytest.fixture(scope="module")
def live_server(
    feed_database: str, redis_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[LiveServer]:
    namespace = f"mdws-{uuid.uuid4().hex[:10]}"
    env = server_env(feed_database, redis_url, namespace)
    port = free_port()
    log = tmp_path_factory.mktemp("feed") / "server.log"
    live = LiveServer(
        start_feed_server(feed_database, env, port, log), feed_database, env, port, log, namespace
    )
    yield live
    stop_server(live.process)


@pytest.fixture
async def feed_server(live_server: LiveServer, redis_url: str) -> AsyncIterator[FeedServer]:
    client = Redis.from_url(redis_url)
    yield FeedServer(live_server, RedisFeedBus(client, live_server.namespace))
    await client.aclose()


@pytest.fixture
async def feed_accounts(feed_server: FeedServer) -> AsyncIterator[Accounts]:
    """Real users of the server: registered over HTTP with the codes from its outbox."""
    url = feed_server.live.database_url
    settings = Settings(_env_file=None, app_env="test", database_url=url, redis_url=None)
    container: Container = build_container(settings, url)
    async with httpx.AsyncClient(base_url=feed_server.http, timeout=30) as client:
        yield Accounts(client, container)
    await container.aclose()
