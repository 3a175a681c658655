"""The SQLAlchemy unit of work: one session, one transaction, explicit commit.

Repositories of each context hang off this class as they arrive (``uow.accounts``...), all
sharing the session, so a use case that spans contexts stays atomic.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from types import TracebackType
from typing import Any, Protocol, Self

from sqlalchemy import TextClause
from sqlalchemy.exc import DBAPIError
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.audit.writer import append_audit, append_audit_along
from adapters.persistence.integrity import translate
from adapters.persistence.shared.idempotency_store import SqlIdempotencyStore
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock, SystemClock
from domain.shared.events import DomainEvent
from usecases.shared.ports.notifier import Notifier


class TransactionalSink(Protocol):
    """Writes recorded events (outbox, audit) inside the committing transaction."""

    async def write(self, session: AsyncSession, events: Sequence[DomainEvent]) -> None: ...


class AuditMissing(RuntimeError):
    """A use case committed a change without saying what it did: every state-changing use case
    records an ``AuditRecord`` (``uow.audit(...)``) before ``commit()``."""


class _NoNotifier:
    async def notify(self, notification: object) -> None:
        raise RuntimeError("this unit of work was built without a notifier")


class SqlAlchemyUnitOfWork:
    """Context unit-of-work classes subclass this and add their repositories as properties
    over ``self.session``."""

    def __init__(
        self,
        session_factory: Callable[[], AsyncSession],
        *,
        notifier_factory: Callable[[AsyncSession], Notifier] | None = None,
        sinks: Sequence[TransactionalSink] = (),
        constraint_fields: Mapping[str, str] | None = None,
        clock: Clock | None = None,
        require_audit: bool = True,
    ) -> None:
        self._session_factory = session_factory
        self._notifier_factory = notifier_factory
        self.notifier: Notifier = _NoNotifier()
        self._sinks = tuple(sinks)
        self._constraint_fields = dict(constraint_fields or {})
        self._session: AsyncSession | None = None
        self._events: list[DomainEvent] = []
        self._audit: list[AuditRecord] = []
        self._clock = clock or SystemClock()
        self._require_audit = require_audit
        self.committed = False

    @property
    def session(self) -> AsyncSession:
        if self._session is None:
            raise RuntimeError("the unit of work is not open: use 'async with uow:'")
        return self._session

    @property
    def idempotency(self) -> SqlIdempotencyStore:
        """Idempotency keys of money-moving requests, in this transaction."""
        return SqlIdempotencyStore(self.session)

    async def __aenter__(self) -> Self:
        if self._session is not None:
            raise RuntimeError("this unit of work is already open")
        self._session = self._session_factory()
        if self._notifier_factory is not None:
            self.notifier = self._notifier_factory(self._session)
        self._events = []
        self._audit = []
        self.committed = False
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        session, self._session = self._session, None
        if session is None:
            return
        try:
            if not self.committed:
                await session.rollback()
        finally:
            await session.close()
        if isinstance(exc, DBAPIError):
            domain_error = translate(exc, self._constraint_fields)
            if domain_error is not None:
                raise domain_error from exc

    def record(self, event: DomainEvent) -> None:
        self._events.append(event)

    def audit(self, record: AuditRecord) -> None:
        self._audit.append(record)

    async def flush(self) -> None:
        """Send pending changes now, so constraint violations surface inside the use case."""
        try:
            await self.session.flush()
        except DBAPIError as exc:
            domain_error = translate(exc, self._constraint_fields)
            if domain_error is None:
                raise
            raise domain_error from exc

    async def commit(self) -> None:
        session = self.session
        if self._events:
            events, self._events = list(self._events), []
            for sink in self._sinks:
                await sink.write(session, events)
        await self.flush()
        records, self._audit = self._audit, []
        if self._require_audit and not records:
            raise AuditMissing("commit without an audit record: call uow.audit(...) first")
        await self._write_audit(session, records)
        await session.commit()
        self.committed = True

    async def _write_audit(self, session: AsyncSession, records: Sequence[AuditRecord]) -> None:
        """The commit's audit rows (a context's unit of work may send its own pending writes
        in the same statement)."""
        await append_audit(session, records, self._clock)

    async def _audit_along(
        self,
        session: AsyncSession,
        record: AuditRecord,
        along: TextClause,
        values: Mapping[str, Any],
    ) -> int:
        """One audit row sent in the same statement as ``along`` (``append_audit_along``): how
        many rows ``along`` returned."""
        return await append_audit_along(session, record, self._clock, along, values)

    async def rollback(self) -> None:
        await self.session.rollback()
        self._events = []
        self._audit = []
