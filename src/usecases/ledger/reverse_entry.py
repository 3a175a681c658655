"""Use case: reverse a journal entry (``ledger:adjust``): a new entry negating every posting,
linked to the original. Entries are never edited; this is how a mistake is corrected."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta

from domain.ledger.entries import EntryId, JournalEntry
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.ledger.access import LEDGER_ADJUST, require
from usecases.ledger.ports import LedgerUnitOfWork
from usecases.shared.idempotency import (
    DEFAULT_TTL,
    IdempotencyGate,
    IdempotencyKey,
    Idempotent,
)


@dataclass(frozen=True, slots=True, kw_only=True)
class ReverseEntry:
    actor: Actor
    entry_id: EntryId
    memo: str
    idempotency: IdempotencyKey | None = None


class ReverseEntryHandler:
    def __init__(
        self, uow: LedgerUnitOfWork, clock: Clock, *, idempotency_ttl: timedelta = DEFAULT_TTL
    ) -> None:
        self._uow = uow
        self._clock = clock
        self._ttl = idempotency_ttl

    async def execute(self, cmd: ReverseEntry) -> Idempotent[JournalEntry]:
        require(cmd.actor, LEDGER_ADJUST)
        now = self._clock.now()
        async with self._uow as uow:
            gate: IdempotencyGate[JournalEntry] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._ttl
            )
            if gate.replay is not None:
                return gate.replay
            reversal = await uow.ledger.reverse(cmd.entry_id, memo=cmd.memo)
            outcome = await gate.complete(reversal, now)
            uow.audit(
                AuditRecord(
                    action="ledger.reverse_entry",
                    actor=cmd.actor,
                    resource_type="ledger_entry",
                    resource_id=str(cmd.entry_id),
                    after={"reversed_by": str(reversal.id), "memo": cmd.memo},
                )
            )
            await uow.commit()
            return outcome
