"""Use case: a company admin waives the issuer's right of first refusal on a pending transfer
while its window is open, so approval may follow at once."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_transfer import ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.transfers.access import as_admin, transfer_in
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class WaiveRofr:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class WaiveRofrHandler:
    def __init__(self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: WaiveRofr) -> ShareTransfer:
        now = self._clock.now()
        async with self._uow as uow:
            issuer = await as_admin(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            waived = transfer.waive_rofr(now)
            await uow.share_transfers.save(waived)
            uow.audit(transfer_audit(cmd.actor, "waive_rofr_on", transfer, waived))
            await notify_parties(
                uow,
                self._users,
                issuer,
                waived,
                headline="the company waived its right of first refusal",
                detail="The transfer now waits for the company's approval.",
            )
            await uow.commit()
        return waived
