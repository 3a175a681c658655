"""Use case: an operator's manual adjustment of a user's balance, balanced against the suspense
account of the asset (``ledger:adjust``; idempotent with a key)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from decimal import Decimal

from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.ledger.entries import JournalEntry, Leg, NewEntry
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from domain.shared.clock import Clock
from usecases.identity.public.user_directory import UserDirectory
from usecases.ledger.access import LEDGER_ADJUST, require, user_for_code
from usecases.ledger.ports import LedgerUnitOfWork
from usecases.shared.idempotency import (
    DEFAULT_TTL,
    IdempotencyGate,
    IdempotencyKey,
    Idempotent,
)

ADJUSTMENT = "manual_adjustment"


@dataclass(frozen=True, slots=True, kw_only=True)
class PostAdjustment:
    actor: Actor
    user_code: str
    asset: str
    amount: Decimal  # signed: positive credits the user, negative debits
    memo: str
    idempotency: IdempotencyKey | None = None


class PostAdjustmentHandler:
    def __init__(
        self,
        uow: LedgerUnitOfWork,
        users: UserDirectory,
        clock: Clock,
        *,
        idempotency_ttl: timedelta = DEFAULT_TTL,
    ) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock
        self._ttl = idempotency_ttl

    async def execute(self, cmd: PostAdjustment) -> Idempotent[JournalEntry]:
        require(cmd.actor, LEDGER_ADJUST)
        asset = Asset.parse(cmd.asset)
        asset.written(cmd.amount)
        user_id = await user_for_code(self._users, cmd.user_code)
        kind = AccountKind.USER_CASH if asset.is_currency else AccountKind.USER_SECURITIES
        now = self._clock.now()
        async with self._uow as uow:
            gate: IdempotencyGate[JournalEntry] = await IdempotencyGate.enter(
                uow.idempotency, cmd.actor, cmd.idempotency, now, self._ttl
            )
            if gate.replay is not None:
                return gate.replay
            account, suspense = await uow.ledger.open_locked(
                AccountSpec(user_id, kind, asset), AccountSpec(None, AccountKind.SUSPENSE, asset)
            )
            entry = await uow.ledger.post(
                NewEntry(
                    legs=[Leg(account.id, cmd.amount), Leg(suspense.id, -cmd.amount)],
                    memo=cmd.memo,
                    metadata={"kind": ADJUSTMENT, "user_code": cmd.user_code},
                )
            )
            outcome = await gate.complete(entry, now)
            uow.audit(
                AuditRecord(
                    action="ledger.post_adjustment",
                    actor=cmd.actor,
                    resource_type="ledger_entry",
                    resource_id=str(entry.id),
                    after={
                        "account_id": str(account.id),
                        "user_code": cmd.user_code,
                        "asset": asset.code,
                        "amount": str(asset.amount(cmd.amount)),
                        "memo": cmd.memo,
                    },
                )
            )
            await uow.commit()
            return outcome
