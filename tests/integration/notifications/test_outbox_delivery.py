"""The outbox end to end: real PostgreSQL, a real SMTP server, real worker tasks."""

from __future__ import annotations

import asyncio
import logging
import threading
from collections.abc import Callable
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Category, Channel, Notification, Recipient
from infrastructure.container import Container
from infrastructure.wiring.notifications import outbox_worker
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows
from tests.support.smtp import SmtpSink


def hello(to: str, order: str = "A-1") -> Notification:
    return Notification(
        template="test.hello",
        category=Category.ORDERS,
        recipient=Recipient(email=to),
        channels=frozenset({Channel.EMAIL}),
        variables={"name": "Asha", "order": order},
    )


def otp(to: str, phone: str) -> Notification:
    return Notification(
        template="test.otp",
        category=Category.SECURITY,
        recipient=Recipient(email=to, phone=phone),
        channels=frozenset({Channel.EMAIL, Channel.SMS}),
        variables={"code": "482913", "minutes": "10"},
        secret_variables=frozenset({"code"}),
    )


async def queue(world: Container, *notifications: Notification, commit: bool = True) -> None:
    async with world.unit_of_work(require_audit=False) as uow:  # test set-up
        for notification in notifications:
            await uow.notifier.notify(notification)
        if commit:
            await uow.commit()


async def drain(world: Container, *, rounds: int = 20) -> None:
    worker = outbox_worker(world, name="drain")
    for _ in range(rounds):
        if (await worker.run_once()).claimed == 0:
            return


async def drain_until(
    world: Container, engine: AsyncEngine, done: Callable[[list[Any]], bool], seconds: float = 15
) -> None:
    """Keep draining past the (shortened) backoff until ``done``; a slow machine only waits
    longer, it does not fail."""
    deadline = asyncio.get_running_loop().time() + seconds
    while asyncio.get_running_loop().time() < deadline:
        await drain(world)
        if done(await outbox_rows(engine)):
            return
        await asyncio.sleep(0.1)
    raise AssertionError(f"not done after {seconds} s: {await outbox_rows(engine)}")


async def test_a_rolled_back_change_sends_nothing(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    await queue(world, hello("a@example.com"), commit=False)
    await drain(world)
    assert await outbox_rows(engine) == []
    assert sink.received == []


async def test_a_committed_change_sends_exactly_one_message(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    await queue(world, hello("a@example.com", order="A-42"))
    await drain(world)
    await drain(world)  # a second pass finds nothing more to do
    [message] = sink.to("a@example.com")
    assert message["Subject"] == "Hello Asha"
    assert "Your order A-42 is confirmed." in message.get_body(("plain",)).get_content()
    assert "<strong>A-42</strong>" in message.get_body(("html",)).get_content()
    [row] = await outbox_rows(engine)
    assert row.status == "delivered"
    assert row.attempts == 1
    assert str(row.id) == message["X-Meridian-Message-Id"]


async def test_a_failing_smtp_server_is_retried_until_it_accepts(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    sink.refuse_next = 2
    await queue(world, hello("b@example.com"))
    await drain_until(world, engine, lambda rows: rows[0].status == "delivered")
    assert len(sink.to("b@example.com")) == 1
    [row] = await outbox_rows(engine)
    assert (row.status, row.attempts, row.last_error) == ("delivered", 3, None)


async def test_exhausted_attempts_become_a_visible_dead_letter(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    sink.refuse_next = 100
    await queue(world, hello("c@example.com"))
    await drain_until(world, engine, lambda rows: rows[0].status == "dead")
    [row] = await outbox_rows(engine)
    assert row.status == "dead"
    assert row.attempts == 3
    assert "451" in row.last_error
    stats = await world_stats(world)
    assert (stats.pending, stats.dead) == (0, 1)


async def test_a_permanent_refusal_is_dead_at_once(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    sink.reject_permanently = True
    await queue(world, hello("nobody@example.com"))
    await drain(world)
    [row] = await outbox_rows(engine)
    assert (row.status, row.attempts) == ("dead", 1)
    assert "550" in row.last_error


async def test_two_workers_side_by_side_deliver_each_message_once(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    await queue(world, *(hello(f"user{i}@example.com", order=str(i)) for i in range(40)))
    first, second = outbox_worker(world, name="w1"), outbox_worker(world, name="w2")
    stop = asyncio.Event()
    tasks = [asyncio.create_task(w.run(stop)) for w in (first, second)]
    for _ in range(100):
        if len(sink.received) >= 40:
            break
        await asyncio.sleep(0.05)
    stop.set()
    await asyncio.gather(*tasks)
    ids = sink.ids()
    assert len(ids) == 40
    assert len(set(ids)) == 40
    assert {r.status for r in await outbox_rows(engine)} == {"delivered"}


async def test_a_killed_worker_s_claim_expires_and_another_delivers(
    world: Container, sink: SmtpSink, engine: AsyncEngine
) -> None:
    clock = FixedClock(datetime.now(UTC))
    world.clock = clock  # claims expire by the platform clock, which the test moves
    stall = threading.Event()
    sink.stall = stall  # the first delivery hangs mid-conversation
    await queue(world, hello("d@example.com"))
    doomed = asyncio.create_task(outbox_worker(world, name="doomed").run_once())
    await asyncio.sleep(0.3)
    doomed.cancel()  # the process dies mid-delivery: no outcome is ever written
    with pytest.raises(asyncio.CancelledError):
        await doomed
    sink.stall = None
    [claimed] = await outbox_rows(engine)
    assert (claimed.status, claimed.claimed_by) == ("pending", "doomed")

    clock.advance(seconds=4)
    await drain(world)  # the claim (5 s) is still live: nobody may take it
    assert sink.to("d@example.com") == []
    clock.advance(seconds=2)
    await drain(world)
    assert len(sink.to("d@example.com")) == 1
    [row] = await outbox_rows(engine)
    assert (row.status, row.attempts) == ("delivered", 2)
    stall.set()  # (a receiver drops a late duplicate of the dead conversation by Message-ID)


async def test_one_time_codes_are_sealed_at_rest_erased_after_delivery_and_never_logged(
    world: Container,
    sink: SmtpSink,
    engine: AsyncEngine,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
) -> None:
    caplog.set_level(logging.DEBUG)
    await queue(world, otp("e@example.com", "+919876543210"))
    queued = await outbox_rows(engine)
    assert {r.channel for r in queued} == {"email", "sms"}
    for row in queued:
        assert "482913" not in str(row.variables)
        assert row.sealed_secrets
        assert "482913" not in row.sealed_secrets
    await drain(world)
    [mail] = sink.to("e@example.com")
    assert "482913" in mail.get_body(("plain",)).get_content()
    sms_files = list((tmp_path / "sms").glob("*.txt"))
    assert len(sms_files) == 1
    assert "482913" in sms_files[0].read_text()
    for row in await outbox_rows(engine):
        assert (row.status, row.sealed_secrets) == ("delivered", None)
    ours = [r for r in caplog.records if not r.name.startswith("mail.")]  # not the test server's
    assert ours, "the delivery was logged"
    assert all("482913" not in f"{r.getMessage()} {r.__dict__}" for r in ours)


async def test_in_app_messages_are_written_in_the_same_transaction(
    world: Container, engine: AsyncEngine
) -> None:
    user = UserId(new_uuid())
    note = Notification(
        template="test.hello",
        category=Category.ORDERS,
        recipient=Recipient(user_id=user),
        channels=frozenset({Channel.IN_APP}),
        variables={"name": "Asha", "order": "Z-9"},
    )
    await queue(world, note, commit=False)
    async with world.unit_of_work() as uow:
        from adapters.persistence.notifications.in_app_repository import SqlInAppRepository

        assert await SqlInAppRepository(uow.session).count_unread(user) == 0
    await queue(world, note)
    async with world.unit_of_work() as uow:
        repo = SqlInAppRepository(uow.session)
        assert await repo.count_unread(user) == 1
    assert await outbox_rows(engine) == []  # in-app needs no delivery


async def world_stats(world: Container):  # type: ignore[no-untyped-def]
    from adapters.persistence.notifications.outbox_store import SqlOutboxStore

    return await SqlOutboxStore(world.session_factory).stats(world.clock.now())
