"""The unit of work against real PostgreSQL: explicit commit, rollback otherwise, and
integrity errors that come back as domain errors naming the field."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from adapters.persistence.unit_of_work import AuditMissing, SqlAlchemyUnitOfWork
from domain.shared.errors import Conflict, ValidationFailed
from domain.shared.events import DomainEvent


@pytest.fixture(autouse=True)
async def probe_table(connection: AsyncConnection) -> None:
    await connection.execute(
        text(
            "CREATE TABLE uow_probe (id int CONSTRAINT pk_uow_probe PRIMARY KEY,"
            " email text NOT NULL CONSTRAINT uq_uow_probe_email UNIQUE,"
            " parent int CONSTRAINT fk_uow_probe_parent REFERENCES uow_probe(id))"
        )
    )


async def count(connection: AsyncConnection) -> int:
    return int((await connection.execute(text("SELECT count(*) FROM uow_probe"))).scalar_one())


def uow(factory: async_sessionmaker[AsyncSession], **kwargs: object) -> SqlAlchemyUnitOfWork:
    kwargs.setdefault("require_audit", False)  # the machinery itself, not a use case
    return SqlAlchemyUnitOfWork(factory, **kwargs)  # type: ignore[arg-type]


async def insert(u: SqlAlchemyUnitOfWork, id_: int, email: str, parent: int | None = None) -> None:
    await u.session.execute(
        text("INSERT INTO uow_probe (id, email, parent) VALUES (:id, :email, :parent)"),
        {"id": id_, "email": email, "parent": parent},
    )


async def test_changes_are_kept_only_when_committed(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    async with uow(session_factory) as u:
        await insert(u, 1, "a@example.com")
    assert await count(connection) == 0

    async with uow(session_factory) as u:
        await insert(u, 1, "a@example.com")
        await u.commit()
    assert await count(connection) == 1


async def test_an_exception_rolls_everything_back(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    with pytest.raises(RuntimeError):
        async with uow(session_factory) as u:
            await insert(u, 1, "a@example.com")
            await insert(u, 2, "b@example.com")
            raise RuntimeError("business rule failed half way")
    assert await count(connection) == 0


async def test_a_duplicate_becomes_a_conflict_naming_the_field(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    async with uow(session_factory) as u:
        await insert(u, 1, "a@example.com")
        await u.commit()
    with pytest.raises(Conflict) as caught:
        async with uow(session_factory, constraint_fields={"uq_uow_probe_email": "email"}) as u:
            await insert(u, 2, "a@example.com")
            await u.commit()
    assert caught.value.error_code == "duplicate"
    assert caught.value.errors[0].field == "email"
    assert await count(connection) == 1


async def test_an_unknown_reference_is_a_validation_failure(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    with pytest.raises(ValidationFailed) as caught:
        async with uow(session_factory, constraint_fields={"fk_uow_probe_parent": "parent"}) as u:
            await insert(u, 1, "a@example.com", parent=99)
            await u.flush()
    assert caught.value.errors[0].field == "parent"


@dataclass(frozen=True, kw_only=True)
class ProbeCreated(DomainEvent):
    name = "test.probe_created"
    probe_id: int


class RecordingSink:
    def __init__(self) -> None:
        self.written: list[DomainEvent] = []

    async def write(self, session: AsyncSession, events: Sequence[DomainEvent]) -> None:
        await session.execute(
            text("INSERT INTO uow_probe (id, email) VALUES (1000, 'sink@example.com')")
        )
        self.written.extend(events)


async def test_recorded_events_reach_the_sinks_inside_the_same_transaction(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    sink = RecordingSink()
    async with uow(session_factory, sinks=[sink]) as u:
        await insert(u, 1, "a@example.com")
        u.record(ProbeCreated(probe_id=1))
    assert sink.written == []  # never committed: no event goes out
    assert await count(connection) == 0

    async with uow(session_factory, sinks=[sink]) as u:
        await insert(u, 1, "a@example.com")
        u.record(ProbeCreated(probe_id=1))
        await u.commit()
    assert [e.name for e in sink.written] == ["test.probe_created"]
    assert await count(connection) == 2  # the row and the sink's write, atomically


async def test_the_session_is_unavailable_outside_the_block(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    u = uow(session_factory)
    with pytest.raises(RuntimeError, match="not open"):
        _ = u.session


async def test_a_commit_that_says_nothing_for_the_audit_trail_is_refused(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    with pytest.raises(AuditMissing):
        async with uow(session_factory, require_audit=True) as u:
            await insert(u, 1, "a@example.com")
            await u.commit()
    assert await count(connection) == 0
