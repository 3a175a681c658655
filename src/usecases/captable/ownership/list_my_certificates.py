"""Use case: my certificates, of every issuer, by number (outstanding and past ones)."""

from __future__ import annotations

from dataclasses import dataclass

from domain.captable.security import Security, SecurityStatus
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import signed_in_user
from usecases.captable.ports import CaptableUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyCertificates:
    actor: Actor
    page: PageRequest
    status: SecurityStatus | None = None


class ListMyCertificatesHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyCertificates) -> Page[Security]:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            mine = [s.id for s in await uow.stakeholders.of_user(user_id)]
            if not mine:
                return Page(items=[], next_cursor=None)
            return await uow.cap_tables.securities_page(
                None, cmd.page, stakeholders=mine, status=cmd.status
            )
