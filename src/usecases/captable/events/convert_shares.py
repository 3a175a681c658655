"""Use case: shares of a certificate convert into another class at their class's conversion
ratio (``Idempotency-Key`` honoured): the certificate is consumed, the converted shares get a
certificate of the new class and any rest a balance certificate."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from uuid import UUID

from domain.captable.events import CapTableEvent
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.access import CAPTABLE_ISSUE, issuer_for
from usecases.captable.config import CaptableConfig
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.recording import event_audit, notify_holders, recording, store
from usecases.captable.transfer_locks import refuse_locked
from usecases.identity.public.user_directory import UserDirectory
from usecases.shared.idempotency import IdempotencyGate, IdempotencyKey, Idempotent


@dataclass(frozen=True, slots=True, kw_only=True)
class ConvertShares:
    actor: Actor
    issuer_id: UUID
    security_id: UUID
    quantity_converted: str
    to_stock_class_id: UUID
    date: dt.date
    idempotency: IdempotencyKey | None = None


class ConvertSharesHandler:
    def __init__(
        self, uow: CaptableUnitOfWork, users: UserDirectory, clock: Clock, config: CaptableConfig
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._config = config

    async def execute(self, cmd: ConvertShares) -> Idempotent[CapTableEvent]:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await issuer_for(
                uow, cmd.actor, cmd.issuer_id, CAPTABLE_ISSUE, for_update=True
            )
            gate: IdempotencyGate[CapTableEvent] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._config.idempotency_ttl
            )
            if gate.replay is not None:
                return gate.replay
            await refuse_locked(uow, issuer.id, securities=[cmd.security_id])
            table = await uow.cap_tables.load(issuer, securities=[cmd.security_id])
            change = table.convert(
                security_id=cmd.security_id,
                quantity_converted=cmd.quantity_converted,
                to_stock_class_id=cmd.to_stock_class_id,
                date=cmd.date,
                recording=recording(cmd.actor, now),
            )
            await store(uow, issuer, change)
            uow.audit(event_audit(cmd.actor, change))
            await notify_holders(uow, self._users, issuer, change)
            outcome = await gate.complete(change.event, now)
            await uow.commit()
        return outcome
