"""Use case: the signed-in user's balances, posted and available, one per account, by asset and
kind, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from domain.ledger.accounts import Account
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.ledger.access import signed_in_user
from usecases.ledger.ports import LedgerUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetMyBalances:
    actor: Actor
    page: PageRequest


class GetMyBalancesHandler:
    def __init__(self, uow: LedgerUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetMyBalances) -> Page[Account]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            return await uow.ledger.accounts_of(user_id, cmd.page)
