"""The unit of work: one transaction, committed explicitly by the use case."""

from __future__ import annotations

from types import TracebackType
from typing import Protocol, Self

from domain.shared.audit import AuditRecord
from domain.shared.events import DomainEvent
from usecases.shared.ports.notifier import Notifier


class UnitOfWork(Protocol):
    """``async with uow:`` opens a transaction; leaving without ``commit()`` rolls it back.

    Events recorded with ``record`` are written by the transactional sinks (outbox, audit)
    inside the same transaction, just before it commits.
    """

    @property
    def notifier(self) -> Notifier: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None: ...

    async def commit(self) -> None: ...

    async def rollback(self) -> None: ...

    def record(self, event: DomainEvent) -> None: ...

    def audit(self, record: AuditRecord) -> None:
        """Add an entry to the audit trail, written with this transaction's commit."""
        ...
