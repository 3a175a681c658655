"""Use case: an issuer's transfers, newest first (optionally of one status), for whoever may
read its cap table; its stakeholders who may not see only the transfers they are party to."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.captable.share_transfer import ShareTransfer, TransferStatus
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import CAPTABLE_READ, may
from usecases.captable.transfers.access import as_party
from usecases.captable.transfers.ports import TransfersUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListTransfers:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    status: TransferStatus | None = None


class ListTransfersHandler:
    def __init__(self, uow: TransfersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListTransfers) -> Page[ShareTransfer]:
        async with self._uow as uow:
            party = await as_party(uow, cmd.actor, cmd.issuer_id)
            parties = None
            if not may(cmd.actor, CAPTABLE_READ, cmd.issuer_id):
                assert party.me is not None
                parties = [party.me.id]
            return await uow.share_transfers.page(
                cmd.issuer_id, cmd.page, parties=parties, status=cmd.status
            )
