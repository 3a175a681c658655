from __future__ import annotations

import httpx
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import create_async_engine

from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import build_container

UNREACHABLE_DB = "postgresql+asyncpg://postgres@127.0.0.1:1/nowhere"


async def test_liveness_answers_without_touching_dependencies(client: httpx.AsyncClient) -> None:
    response = await client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok"}


async def test_readiness_checks_the_database(client: httpx.AsyncClient) -> None:
    response = await client.get("/readyz")
    assert response.status_code == 200
    body = response.json()
    assert body["ready"] is True
    assert body["database"]["status"] == "ok"
    assert body["redis"]["status"] == "in_memory"


async def test_status_reports_version_uptime_and_dependencies(client: httpx.AsyncClient) -> None:
    response = await client.get("/api/v1/status")
    assert response.status_code == 200
    body = response.json()
    assert body["version"] == "0.1.0"
    assert body["environment"] == "test"
    assert body["mode"] == "single-process"
    assert body["uptime_seconds"] >= 0
    assert body["database"]["status"] == "ok"
    assert body["database"]["latency_ms"] >= 0
    assert body["worker"] == {"status": "not_running", "last_heartbeat": None}


async def test_a_database_outage_makes_the_process_unready(settings: Settings) -> None:
    engine = create_async_engine(UNREACHABLE_DB)
    container = build_container(settings, UNREACHABLE_DB, engine=engine)
    app: FastAPI = create_app(settings, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        ready = await client.get("/readyz")
        status = await client.get("/api/v1/status")
        alive = await client.get("/healthz")
    await engine.dispose()
    assert ready.status_code == 503
    assert ready.json()["ready"] is False
    assert ready.json()["database"]["status"] == "down"
    assert status.json()["database"]["status"] == "down"
    assert alive.status_code == 200


async def test_status_reaches_real_redis_when_configured(
    settings: Settings, engine: object, database_url: str, redis_url: str
) -> None:
    distributed = settings.model_copy(update={"redis_url": redis_url})
    container = build_container(distributed, database_url, engine=engine)  # type: ignore[arg-type]
    app = create_app(distributed, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        body = (await client.get("/api/v1/status")).json()
    await container.aclose()
    assert body["mode"] == "distributed"
    assert body["redis"]["status"] == "ok"


async def test_metrics_count_requests_by_route_template(client: httpx.AsyncClient) -> None:
    await client.get("/api/v1/status")
    await client.get("/no/such/route")
    text = (await client.get("/metrics")).text
    assert (
        'meridian_http_requests_total{method="GET",route="/api/v1/status",status="200"} 1.0' in text
    )
    assert 'route="<unmatched>",status="404"' in text
    assert "meridian_http_request_duration_seconds_bucket" in text


async def test_a_redis_outage_is_reported_by_status_and_readiness(
    settings: Settings, engine: object, database_url: str
) -> None:
    broken = settings.model_copy(update={"redis_url": "redis://127.0.0.1:1/0"})
    container = build_container(broken, database_url, engine=engine)  # type: ignore[arg-type]
    app = create_app(broken, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        status = await client.get("/api/v1/status")
        ready = await client.get("/readyz")
    await container.aclose()
    assert status.status_code == 200
    assert status.json()["redis"]["status"] == "down"
    assert status.json()["worker"]["status"] == "unknown"
    assert ready.status_code == 503
