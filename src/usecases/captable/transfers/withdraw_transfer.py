"""Use case: the seller withdraws a draft or a pending transfer (not once the company exercised
its right of first refusal: that binds). The lock on the shares ends."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_transfer import NotTheHolder, ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.access import as_party, transfer_in
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class WithdrawTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class WithdrawTransferHandler:
    def __init__(self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: WithdrawTransfer) -> ShareTransfer:
        now = self._clock.now()
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id, for_update=True)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            if party.me is None or party.me.id != transfer.seller_id:
                raise NotTheHolder(f"only the seller may withdraw {transfer.reference}")
            withdrawn = transfer.withdraw(now)
            await uow.share_transfers.save(withdrawn)
            uow.audit(transfer_audit(cmd.actor, "withdraw", transfer, withdrawn))
            await notify_parties(
                uow,
                self._users,
                party.issuer,
                withdrawn,
                headline="withdrawn by the seller",
                detail="No shares move; any lock on them has ended.",
            )
            await uow.commit()
        return withdrawn
