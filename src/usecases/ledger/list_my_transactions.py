"""Use case: my transaction history — every posting on my accounts with the balance after it,
newest first, filtered by asset, account kind, direction and time, a cursor page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.ledger.history import HistoryFilter, HistoryItem
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.ledger.access import signed_in_user
from usecases.ledger.ports import LedgerUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyTransactions:
    actor: Actor
    where: HistoryFilter = field(default_factory=HistoryFilter)
    page: PageRequest = field(default_factory=PageRequest)


class ListMyTransactionsHandler:
    def __init__(self, uow: LedgerUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyTransactions) -> Page[HistoryItem]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.history.page(user_id, cmd.where, cmd.page)
