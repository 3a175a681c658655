"""Use case: the shareholder list (cached): every stakeholder holding shares, largest first,
with their shares by class and outstanding and fully diluted percentages (exactly 100 % in
all); now, or at the end of a past date."""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import cast
from uuid import UUID

from domain.captable.ownership import HolderPosition
from domain.shared.actor import Actor
from domain.shared.cursor import decode_keyset, encode_keyset
from domain.shared.pagination import Page, PageRequest
from usecases.captable.access import issuer_for
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.view_cache import OwnershipViews
from usecases.captable.views import HolderRow

SCOPE = "captable-holders"


@dataclass(frozen=True, slots=True, kw_only=True)
class ListHolders:
    actor: Actor
    issuer_id: UUID
    page: PageRequest
    as_of: date | None = None


class ListHoldersHandler:
    def __init__(self, uow: CaptableUnitOfWork, views: OwnershipViews) -> None:
        self._uow = uow
        self._views = views

    async def execute(self, cmd: ListHolders) -> Page[HolderRow]:
        after = None
        if cmd.page.cursor is not None:
            shares, holder = decode_keyset(SCOPE, cmd.page.cursor, (Decimal, UUID))
            after = (-cast(Decimal, shares), cast(UUID, holder))
        async with self._uow as uow:
            await uow.snapshot()
            issuer = await issuer_for(uow, cmd.actor, cmd.issuer_id)
            table = await self._views.of(uow, issuer, cmd.as_of)
            # the holders are in key order (largest first, then by id): a keyset, not an offset
            start = 0 if after is None else bisect_right(table.holders, after, key=_key)
            shown = table.holders[start : start + cmd.page.limit]
            names = await uow.stakeholders.names(issuer.id, [h.stakeholder_id for h in shown])
        more = start + len(shown) < len(table.holders)
        last = shown[-1] if shown else None
        return Page(
            items=[HolderRow(names.get(h.stakeholder_id, ""), h) for h in shown],
            next_cursor=encode_keyset(SCOPE, (last.outstanding, last.stakeholder_id))
            if more and last
            else None,
        )


def _key(holder: HolderPosition) -> tuple[Decimal, UUID]:
    return (-holder.outstanding, holder.stakeholder_id)
