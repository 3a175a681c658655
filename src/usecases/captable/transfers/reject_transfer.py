"""Use case: a company admin rejects a transfer in progress, with a reason the parties read.
The lock on the shares ends."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.issuer import check_text
from domain.captable.share_transfer import ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.access import as_admin, transfer_in
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class RejectTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID
    reason: str


class RejectTransferHandler:
    def __init__(self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: RejectTransfer) -> ShareTransfer:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await as_admin(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            reason = check_text(cmd.reason, field="reason", longest=500)
            rejected = transfer.reject(reason, now)
            await uow.share_transfers.save(rejected)
            uow.audit(transfer_audit(cmd.actor, "reject", transfer, rejected))
            await notify_parties(
                uow,
                self._users,
                issuer,
                rejected,
                headline="rejected by the company",
                detail=f"Reason: {reason}. No shares move; the lock on them has ended.",
            )
            await uow.commit()
        return rejected
