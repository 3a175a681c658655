"""Use case: the journal for operators (``ledger:read``): entries newest first, filtered by
account, user, asset, reference and time, a cursor page at a time."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from domain.ledger.entries import JournalEntry
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.public.user_directory import UserDirectory
from usecases.ledger.access import LEDGER_READ, require, user_for_code
from usecases.ledger.ports import JournalFilter, LedgerUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListJournal:
    actor: Actor
    where: JournalFilter = field(default_factory=JournalFilter)
    user_code: str | None = None
    page: PageRequest = field(default_factory=PageRequest)


class ListJournalHandler:
    def __init__(self, uow: LedgerUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: ListJournal) -> Page[JournalEntry]:
        require(cmd.actor, LEDGER_READ)
        where = cmd.where
        if cmd.user_code is not None:
            where = replace(where, owner=await user_for_code(self._users, cmd.user_code))
        async with self._uow as uow:
            return await uow.journal.page(where, cmd.page)
