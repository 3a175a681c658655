"""Use case: one transfer, for whoever may read the issuer's cap table and for its parties;
not found for anyone else."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_transfer import ShareTransfer, TransferNotFound
from domain.shared.actor import Actor
from usecases.captable.transfers.access import as_party, transfer_in, visible
from usecases.captable.transfers.ports import TransfersUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetTransfer:
    actor: Actor
    issuer_id: UUID
    transfer_id: UUID


class GetTransferHandler:
    def __init__(self, uow: TransfersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetTransfer) -> ShareTransfer:
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id)
            transfer = await transfer_in(uow, cmd.issuer_id, cmd.transfer_id)
            if not visible(cmd.actor, transfer, party.me):
                raise TransferNotFound(cmd.transfer_id)
            return transfer
