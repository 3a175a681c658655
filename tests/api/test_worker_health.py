"""Worker health in /api/v1/status and /metrics, and the embedded worker of the app."""

from __future__ import annotations

import asyncio
from pathlib import Path

import httpx
from asgi_lifespan import LifespanManager
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.notification import Category, Channel, Notification, Recipient
from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from tests.support.databases import truncate_all
from tests.support.outbox import TEST_TEMPLATES, outbox_rows


async def queue(container: Container, to: str) -> None:
    async with container.unit_of_work(require_audit=False) as uow:
        await uow.notifier.notify(
            Notification(
                template="test.missing",
                category=Category.ACCOUNT,
                recipient=Recipient(email=to),
                channels=frozenset({Channel.EMAIL}),
            )
        )
        await uow.commit()


async def test_status_and_metrics_show_the_queue(
    client: httpx.AsyncClient, container: Container
) -> None:
    await queue(container, "a@example.com")
    await queue(container, "b@example.com")
    status = (await client.get("/api/v1/status")).json()
    assert status["outbox"]["pending"] == 2
    assert status["outbox"]["oldest_pending_age_seconds"] >= 0
    assert status["outbox"]["dead"] == 0
    metrics = (await client.get("/metrics")).text
    assert "meridian_outbox_pending 2.0" in metrics
    assert "meridian_worker_heartbeat_age_seconds -1.0" in metrics
    assert 'meridian_dependency_up{dependency="database"} 1.0' in metrics


async def test_the_single_process_app_runs_the_worker_itself(
    settings: Settings, engine: AsyncEngine, tmp_path: Path
) -> None:
    embedded = settings.model_copy(
        update={
            "embedded_worker": True,
            "outbox_poll_seconds": 0.05,
            "data_dir": tmp_path,
            "notification_templates_dir": TEST_TEMPLATES,
        }
    )
    app = create_app(embedded)
    async with LifespanManager(app) as manager:
        container: Container = app.state.container
        async with container.unit_of_work(require_audit=False) as uow:
            await uow.notifier.notify(
                Notification(
                    template="test.hello",
                    category=Category.ORDERS,
                    recipient=Recipient(email="dev@example.com"),
                    channels=frozenset({Channel.EMAIL}),
                    variables={"name": "Dev", "order": "D-1"},
                )
            )
            await uow.commit()
        transport = httpx.ASGITransport(app=manager.app)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            for _ in range(100):
                status = (await client.get("/api/v1/status")).json()
                if status["worker"]["status"] == "running" and status["outbox"]["pending"] == 0:
                    break
                await asyncio.sleep(0.05)
    assert status["worker"]["status"] == "running"
    [row] = [r for r in await outbox_rows(container.engine) if r.address == "dev@example.com"]
    assert row.status == "delivered"
    [mail] = list((tmp_path / "mail").glob("*.eml"))  # the development mail drop
    assert "Subject: Hello Dev" in mail.read_text()
    await truncate_all(engine)
