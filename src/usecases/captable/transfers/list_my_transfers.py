"""Use case: the transfers I am party to (as seller or buyer), in every issuer where I am a
stakeholder, newest first."""

from __future__ import annotations

from dataclasses import dataclass

from domain.captable.share_transfer import ShareTransfer, TransferStatus
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import signed_in_user
from usecases.captable.transfers.ports import TransfersUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyTransfers:
    actor: Actor
    page: PageRequest
    status: TransferStatus | None = None


class ListMyTransfersHandler:
    def __init__(self, uow: TransfersUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyTransfers) -> Page[ShareTransfer]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            mine = [s.id for s in await uow.stakeholders.of_user(user_id)]
            return await uow.share_transfers.page(None, cmd.page, parties=mine, status=cmd.status)
