"""Unit of work of the ledger context. The ``Ledger`` on it comes from the same factory that
wiring hands to other contexts' units of work (banking, trading): one adapter, one session.

Its idempotency store keeps the result a use case stores (``gate.complete``) until the commit,
which sends it in the same statement as the audit row (``_audit_along``): one round trip
for both, right before COMMIT. A live record found then (one the claim's snapshot missed, see
``idempotency_store``) still refuses the request with ``IdempotencyRequestInProgress`` and the
transaction rolls back, as an immediate save would."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any, Self

from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.ledger.history import SqlHistory
from adapters.persistence.ledger.journal import SqlJournal
from adapters.persistence.shared import result_codec
from adapters.persistence.shared.idempotency_store import SAVE_RETURNING, SqlIdempotencyStore
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork
from domain.shared.audit import AuditRecord
from usecases.ledger.public import Ledger
from usecases.shared.idempotency import IdempotencyRequestInProgress
from usecases.shared.ports.idempotency import IdempotencyRecord

LedgerFactory = Callable[[AsyncSession], Ledger]
_Pending = tuple[str, str, IdempotencyRecord, datetime]


class _KeysSavedAtCommit(SqlIdempotencyStore):
    """The idempotency store whose ``save`` waits for the commit (``pending``)."""

    def __init__(self, session: AsyncSession, pending: list[_Pending]) -> None:
        super().__init__(session)
        self._pending = pending

    async def save(self, scope: str, key: str, record: IdempotencyRecord, now: datetime) -> None:
        self._pending.append((scope, key, record, now))


class LedgerUnitOfWork(SqlAlchemyUnitOfWork):
    def __init__(
        self,
        session_factory: Callable[[], AsyncSession],
        *,
        ledger_factory: LedgerFactory,
        **options: Any,
    ) -> None:
        super().__init__(session_factory, **options)
        self._ledger_factory = ledger_factory
        self._pending_keys: list[_Pending] = []

    @property
    def ledger(self) -> Ledger:
        return self._ledger_factory(self.session)

    @property
    def journal(self) -> SqlJournal:
        return SqlJournal(self.session)

    @property
    def history(self) -> SqlHistory:
        return SqlHistory(self.session)

    @property
    def idempotency(self) -> SqlIdempotencyStore:
        """Idempotency keys in this transaction; a stored result is written at the commit."""
        return _KeysSavedAtCommit(self.session, self._pending_keys)

    async def __aenter__(self) -> Self:
        self._pending_keys.clear()
        return await super().__aenter__()

    async def rollback(self) -> None:
        self._pending_keys.clear()
        await super().rollback()

    async def _write_audit(self, session: AsyncSession, records: Sequence[AuditRecord]) -> None:
        pending = list(self._pending_keys)
        self._pending_keys.clear()
        if len(pending) == 1 and len(records) == 1:
            scope, key, record, now = pending[0]
            written = await self._audit_along(
                session,
                records[0],
                SAVE_RETURNING,
                {
                    "scope": scope,
                    "key": key,
                    "fingerprint": record.fingerprint,
                    "result": result_codec.encode(record.result),
                    "now": now,
                    "expires_at": record.expires_at,
                },
            )
            if not written:
                raise IdempotencyRequestInProgress(
                    "a request with this Idempotency-Key has just been processed; retry to get "
                    "its answer"
                )
            return
        for scope, key, record, now in pending:
            await SqlIdempotencyStore(session).save(scope, key, record, now)
        await super()._write_audit(session, records)
