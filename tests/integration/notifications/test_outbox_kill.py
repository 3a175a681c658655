"""A real ``meridian worker`` killed with SIGKILL in the middle of a batch, against a real SMTP
server, and what at-least-once delivery then means (docs/operations.md):

- each message's delivery is recorded as soon as its send is answered, not at the end of the
  batch: a message recorded before the kill is never sent again;
- a message the receiver had accepted but whose "250 OK" the killed worker never saw (a send in
  flight) is sent once more by the next worker when the claim lapses: at most one duplicate per
  send in flight, so at most ``OUTBOX_BATCH_SIZE`` for a killed worker;
- every copy of a message carries the same Message-ID (from the outbox message id), so a
  receiver that drops duplicates by Message-ID sees each message exactly once."""

from __future__ import annotations

import asyncio
import signal
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.container import Container
from tests.integration.notifications.test_outbox_delivery import hello, queue
from tests.support.outbox import TEST_TEMPLATES, outbox_rows
from tests.support.processes import eventually, meridian_env, start_worker
from tests.support.smtp import SmtpSink

pytestmark = pytest.mark.slow
MESSAGES = 30
BATCH = 10
ANSWERED = 15  # the sink answers this many at once, then keeps the others and holds the reply


async def test_a_worker_killed_mid_batch_duplicates_only_its_sends_in_flight(
    world: Container, sink: SmtpSink, engine: AsyncEngine, database_url: str, tmp_path: Path
) -> None:
    await queue(world, *(hello(f"user{i}@example.com", order=str(i)) for i in range(MESSAGES)))
    sink.hold_replies_after = ANSWERED
    env = meridian_env(
        database_url,
        DATA_DIR=str(tmp_path),
        LOG_LEVEL="INFO",
        SMTP_HOST=sink.host,
        SMTP_PORT=str(sink.port),
        SMTP_STARTTLS="false",
        SMTP_TIMEOUT_SECONDS="30",
        MAIL_FROM="Meridian <no-reply@meridian.test>",
        NOTIFICATION_TEMPLATES_DIR=str(TEST_TEMPLATES),
        OUTBOX_BATCH_SIZE=str(BATCH),
        OUTBOX_CLAIM_SECONDS="5",
        OUTBOX_POLL_SECONDS="0.2",
    )
    log = tmp_path / "worker.log"
    first = start_worker(env, log)
    second = None
    try:

        async def delivered() -> set[str]:
            return {str(r.id) for r in await outbox_rows(engine) if r.status == "delivered"}

        async def mid_batch() -> bool:  # the second batch: half answered, half held
            return sink.held == BATCH - (ANSWERED - BATCH) and len(await delivered()) == ANSWERED

        await eventually(mid_batch, within=60, what="half of the second batch recorded", log=log)
        recorded_before_kill = await delivered()
        in_flight = sink.held
        first.send_signal(signal.SIGKILL)
        await asyncio.to_thread(first.wait, 10)
        sink.hold_replies_after = None
        sink.release.set()

        second = start_worker(env, log)

        async def all_delivered() -> bool:
            return len(await delivered()) == MESSAGES

        await eventually(all_delivered, within=60, what="the next worker delivers", log=log)
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait(timeout=10)

    rows = {str(r.id): r for r in await outbox_rows(engine)}
    copies = Counter(sink.ids())
    assert set(copies) == set(rows)  # at least once: every message arrived
    duplicated = {i for i, n in copies.items() if n > 1}
    assert max(copies.values()) == 2  # at most one extra copy of a message
    assert not duplicated & recorded_before_kill  # recorded at once: never sent again
    assert 1 <= len(duplicated) <= in_flight <= BATCH  # only sends in flight at the kill
    for message_id in duplicated:
        assert rows[message_id].attempts == 2
    # a receiver dropping duplicates by Message-ID keeps each message exactly once
    by_message_id: dict[str, set[str]] = {}
    for mail in sink.received:
        by_message_id.setdefault(str(mail["X-Meridian-Message-Id"]), set()).add(
            str(mail["Message-ID"])
        )
    assert all(len(ids) == 1 for ids in by_message_id.values()), by_message_id
    assert {next(iter(ids)) for ids in by_message_id.values()} == {
        f"<{i}@meridian.test>" for i in rows
    }
