"""A container wired to a real SMTP sink and the test templates, committing for real."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.notifications.file_senders import FileSmsSender
from infrastructure.notifications.smtp_sender import SmtpEmailSender
from infrastructure.notifications.templates import TEMPLATES_DIR, JinjaTemplateRenderer
from tests.support.databases import truncate_all
from tests.support.outbox import TEST_TEMPLATES
from tests.support.smtp import SmtpSink, smtp_sink


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    with smtp_sink() as running:
        yield running


@pytest.fixture
async def world(
    settings: Settings, engine: AsyncEngine, database_url: str, sink: SmtpSink, tmp_path: Path
) -> AsyncIterator[Container]:
    fast = settings.model_copy(
        update={
            "outbox_backoff_base_seconds": 0.05,
            "outbox_backoff_max_seconds": 0.2,
            "outbox_max_attempts": 3,
            "outbox_claim_seconds": 5,
            "outbox_poll_seconds": 0.05,
        }
    )
    container = build_container(fast, database_url, engine=engine)
    container.templates = JinjaTemplateRenderer(TEST_TEMPLATES, TEMPLATES_DIR)
    container.email = SmtpEmailSender(
        host=sink.host,
        port=sink.port,
        sender="Meridian <no-reply@meridian.test>",
        starttls=False,
        timeout_seconds=2,
    )
    container.sms = FileSmsSender(tmp_path / "sms")
    await truncate_all(engine)  # start from an empty outbox, whatever ran before
    yield container
    await container.aclose()
    await truncate_all(engine)
