"""The audit trail in PostgreSQL: same-transaction writes, append-only, a verifiable chain."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncEngine
from typer.testing import CliRunner

from adapters.persistence.audit.repository import SqlAuditLog
from adapters.persistence.audit.writer import append_audit
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.errors import PermissionDenied
from domain.shared.ids import UserId, new_uuid
from infrastructure.background import audit_sealing, background_jobs
from infrastructure.cli.main import app as cli
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.wiring.identity.collaborators import unit_of_work
from tests.support.databases import truncate_all
from usecases.audit.list_audit_events import ListAuditEvents, ListAuditEventsHandler
from usecases.audit.verify_audit_chain import VerifyAuditChain, VerifyAuditChainHandler
from usecases.identity.administration.user_directory import IdentityUserDirectory

AUDITOR = Actor(kind="user", user_id=UserId(new_uuid()), permissions=frozenset({"audit:read"}))


@pytest.fixture
async def world(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[Container]:
    container = build_container(settings, database_url, engine=engine)
    await truncate_all(engine)
    yield container
    await container.aclose()
    await truncate_all(engine)


def record(n: int, actor: Actor = AUDITOR) -> AuditRecord:
    return AuditRecord(
        action="test.change",
        actor=actor,
        resource_type="thing",
        resource_id=str(n),
        before={"v": n - 1},
        after={"v": n},
    )


async def append(world: Container, *records: AuditRecord, commit: bool = True) -> None:
    uow: SqlAlchemyUnitOfWork = world.unit_of_work()
    async with uow:
        for r in records:
            uow.audit(r)
        if commit:
            await uow.commit()


async def count(engine: AsyncEngine) -> int:
    async with engine.connect() as conn:
        return int((await conn.execute(text("SELECT count(*) FROM audit_log"))).scalar_one())


async def verify(world: Container):  # type: ignore[no-untyped-def]
    return await VerifyAuditChainHandler(SqlAuditLog(world.session_factory)).execute(
        VerifyAuditChain(actor=AUDITOR)
    )


async def test_a_rolled_back_change_leaves_no_audit_row(
    world: Container, engine: AsyncEngine
) -> None:
    await append(world, record(1), commit=False)
    assert await count(engine) == 0
    await append(world, record(1))
    assert await count(engine) == 1


async def test_update_and_delete_are_refused_by_the_database(
    world: Container, engine: AsyncEngine
) -> None:
    await append(world, record(1))
    for statement in ("UPDATE audit_log SET action = 'x'", "DELETE FROM audit_log"):
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text(statement))
    assert await count(engine) == 1


async def test_concurrent_appends_keep_one_linear_intact_chain(world: Container) -> None:
    await asyncio.gather(*(append(world, record(i), record(i + 100)) for i in range(20)))
    report = await verify(world)
    assert (report.intact, report.entries, report.unsealed) == (True, 40, 0)


async def seal(world: Container) -> int:
    return await SqlAuditLog(world.session_factory).seal()


async def behind_the_trigger(engine: AsyncEngine, statement: str) -> None:
    async with engine.begin() as conn:  # what a superuser could do
        await conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        await conn.execute(text(statement))
        await conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))


async def test_a_sealed_row_changed_behind_the_trigger_s_back_is_found(
    world: Container, engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(1, 6):
        await append(world, record(i))
    assert await seal(world) == 5  # what the worker does within a second
    await behind_the_trigger(
        engine, "UPDATE audit_log SET resource_id = 'forged' WHERE chain_seq = 3"
    )
    report = await verify(world)
    assert report.intact is False
    assert report.broken is not None
    assert report.broken.seq == 3
    assert report.broken.reason == "content does not match its hash (edited)"
    assert report.entries == 2

    monkeypatch.setenv("DATABASE_URL", database_url)
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at entry 3" in result.output


async def test_a_deleted_sealed_row_is_found_in_the_middle_and_at_the_end(
    world: Container, engine: AsyncEngine
) -> None:
    for i in range(1, 6):
        await append(world, record(i))
    await seal(world)
    await behind_the_trigger(engine, "DELETE FROM audit_log WHERE chain_seq = 5")
    report = await verify(world)  # the chain no longer reaches its head
    assert report.broken is not None
    assert (report.broken.seq, report.broken.reason) == (5, "entry 5 is missing")
    assert report.entries == 4

    await behind_the_trigger(engine, "DELETE FROM audit_log WHERE chain_seq = 2")
    report = await verify(world)
    assert report.broken is not None
    assert (report.broken.seq, report.broken.reason) == (2, "entry 2 is missing")
    assert report.entries == 1


async def test_a_deleted_last_row_shows_even_after_later_rows_are_sealed(
    world: Container, engine: AsyncEngine
) -> None:
    for i in range(1, 4):
        await append(world, record(i))
    await seal(world)
    await behind_the_trigger(engine, "DELETE FROM audit_log WHERE chain_seq = 3")
    await append(world, record(4))
    report = await verify(world)  # seals entry 4 after the head, entry 3's hash
    assert report.broken is not None
    assert (report.broken.seq, report.broken.reason) == (3, "entry 3 is missing")


async def test_the_database_lets_only_the_sealer_fill_the_chain_fields_once(
    world: Container, engine: AsyncEngine
) -> None:
    await append(world, record(1))
    refused = (
        "UPDATE audit_log SET action = 'x'",  # content, unsealed
        "UPDATE audit_log SET action = 'x', chain_seq = 1, prev_hash = 'a', hash = 'b'",
    )
    for statement in refused:
        with pytest.raises(DBAPIError, match="append-only"):
            async with engine.begin() as conn:
                await conn.execute(text(statement))
    await seal(world)
    with pytest.raises(DBAPIError, match="append-only"):  # a sealed row is never re-sealed
        async with engine.begin() as conn:
            await conn.execute(text("UPDATE audit_log SET hash = repeat('0', 64)"))
    assert (await verify(world)).intact is True


async def test_appends_take_no_lock_and_a_lower_seq_committing_later_is_sealed_after(
    world: Container, engine: AsyncEngine
) -> None:
    """T1 writes its entry first (the lower seq) and stays open; T2 writes and commits while
    T1 is open, which it could not while appends shared one lock; the sealer seals T2's entry
    only. Once T1 commits its entry takes the next place: nothing is skipped or stranded."""
    log = SqlAuditLog(world.session_factory)
    async with world.session_factory() as t1:
        await append_audit(t1, [record(1)], world.clock)
        async with world.session_factory() as t2:  # would time out waiting on one lock
            await t2.execute(text("SET LOCAL lock_timeout = '5s'"))
            await append_audit(t2, [record(2)], world.clock)
            await t2.commit()
        async with world.session_factory() as t3:  # a rolled-back write: a gap in seq
            await append_audit(t3, [record(3)], world.clock)
            await t3.rollback()
        await append(world, record(4))
        assert await log.seal() == 2  # T2's and the one after the gap; not T1's
        report = await verify(world)
        assert (report.intact, report.entries, report.unsealed) == (True, 2, 0)
        await t1.commit()
    assert await log.unsealed() == 1
    report = await verify(world)  # verify seals what is committed first
    assert (report.intact, report.entries, report.unsealed) == (True, 3, 0)
    async with engine.connect() as conn:
        rows = (
            await conn.execute(
                text("SELECT resource_id, seq, chain_seq FROM audit_log ORDER BY chain_seq")
            )
        ).all()
    assert [(r[0], r[2]) for r in rows] == [("2", 1), ("4", 2), ("1", 3)]
    assert [r[1] for r in rows] == [2, 4, 1]  # seq 3 was the rolled-back one


async def test_the_worker_seals_with_the_other_background_jobs(world: Container) -> None:
    await append(world, record(1), record(2))
    jobs = background_jobs(world)
    assert "audit-seal" in jobs
    assert await audit_sealing(world)() == 2
    assert await SqlAuditLog(world.session_factory).unsealed() == 0


async def test_the_cli_reports_an_intact_chain(
    world: Container, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    await append(world, record(1), record(2))
    monkeypatch.setenv("DATABASE_URL", database_url)
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["audit", "verify"])
    assert result.exit_code == 0, result.output
    assert "intact: 2 entries" in result.output


async def test_reading_the_system_trail_needs_audit_read(world: Container) -> None:
    await append(world, record(1))
    users = IdentityUserDirectory(lambda: unit_of_work(world))
    handler = ListAuditEventsHandler(SqlAuditLog(world.session_factory), users)
    page = await handler.execute(ListAuditEvents(actor=AUDITOR))
    assert [e.resource_id for e in page.items] == ["1"]
    with pytest.raises(PermissionDenied):
        await handler.execute(ListAuditEvents(actor=Actor(kind="user", user_id=UserId(new_uuid()))))
