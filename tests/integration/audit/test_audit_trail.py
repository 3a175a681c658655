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
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.errors import PermissionDenied
from domain.shared.ids import UserId, new_uuid
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
    assert (report.intact, report.entries) == (True, 40)


async def test_a_row_changed_behind_the_trigger_s_back_is_found(
    world: Container, engine: AsyncEngine, database_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    for i in range(1, 6):
        await append(world, record(i))
    async with engine.begin() as conn:  # what a superuser could do
        await conn.execute(text("ALTER TABLE audit_log DISABLE TRIGGER audit_log_append_only"))
        await conn.execute(text("UPDATE audit_log SET resource_id = 'forged' WHERE seq = 3"))
        await conn.execute(text("ALTER TABLE audit_log ENABLE TRIGGER audit_log_append_only"))
    report = await verify(world)
    assert report.intact is False
    assert report.broken is not None
    assert report.broken.seq == 3
    assert report.entries == 2

    monkeypatch.setenv("DATABASE_URL", database_url)
    result = await asyncio.to_thread(CliRunner().invoke, cli, ["audit", "verify"])
    assert result.exit_code == 1
    assert "BROKEN at entry 3" in result.output


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
