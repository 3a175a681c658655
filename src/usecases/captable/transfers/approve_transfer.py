"""Use case: a company admin consents to a transfer once its right of first refusal is settled
(waived, exercised, or the window passed)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_transfer import ShareTransfer
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.captable.access import signed_in_user
from usecases.captable.transfers.access import as_admin, transfer_in
from usecases.captable.transfers.ports import TransfersUnitOfWork
from usecases.captable.transfers.recording import notify_parties, transfer_audit
from usecases.identity.public.user_directory import UserDirectory


@dataclass(frozen=True, slots=True, kw_only=True)
class ApproveTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class ApproveTransferHandler:
    def __init__(self, uow: TransfersUnitOfWork, users: UserDirectory, clock: Clock) -> None:
        self._uow = uow
        self._users = users
        self._clock = clock

    async def execute(self, cmd: ApproveTransfer) -> ShareTransfer:
        now = self._clock.now()
        approver = signed_in_user(cmd.actor)
        async with self._uow as uow:
            issuer = await as_admin(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            approved = transfer.approve(approver, now)
            await uow.share_transfers.save(approved)
            uow.audit(transfer_audit(cmd.actor, "approve", transfer, approved))
            await notify_parties(
                uow,
                self._users,
                issuer,
                approved,
                headline="approved by the company",
                detail="The shares and the price move when the company completes it.",
            )
            await uow.commit()
        return approved
