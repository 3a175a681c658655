"""A user's postings with the running balance stored on each, filtered and paged newest first
(one index range); and the pieces of a monthly statement."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, Select, func, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import Keyset
from adapters.persistence.ledger.ledger import ACCOUNTS, ENTRIES, POSTINGS
from domain.ledger.accounts import AccountId, AccountKind
from domain.ledger.entries import EntryId
from domain.ledger.history import Direction, HistoryFilter, HistoryItem
from domain.ledger.statement import Movement
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

NEWEST_FIRST = Keyset("ledger-history", (POSTINGS.c.seq,))


def _at_precision(value: Decimal, precision: int) -> Decimal:
    """NUMERIC(28, 8) in the database, the asset's own places in answers."""
    return value.quantize(Decimal(1).scaleb(-precision))


def _item(row: Row[Any]) -> HistoryItem:
    return HistoryItem(
        entry_id=EntryId(row.entry_id),
        line=row.line,
        created_at=row.created_at,
        memo=row.memo,
        reference=row.reference,
        account_id=AccountId(row.account_id),
        kind=AccountKind(row.kind),
        asset=row.asset_code,
        amount=_at_precision(row.amount, row.precision),
        balance_after=_at_precision(row.balance_after, row.precision),
    )


def page_query(owner: UserId, where: HistoryFilter, page: PageRequest) -> Select[Any]:
    """One index range (owner, newest first): each posting row carries its time and the
    account's balance after it, so a page costs the same at 10 and at 100,000 postings."""
    query = (
        select(
            POSTINGS.c.entry_id,
            POSTINGS.c.line,
            POSTINGS.c.account_id,
            POSTINGS.c.asset_code,
            POSTINGS.c.amount,
            POSTINGS.c.balance_after,
            POSTINGS.c.seq,
            POSTINGS.c.created_at,
            ACCOUNTS.c.kind,
            ACCOUNTS.c.precision,
            ENTRIES.c.memo,
            ENTRIES.c.reference,
        )
        .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
        .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
        .where(POSTINGS.c.owner_id == owner)
    )
    if where.asset is not None:
        query = query.where(POSTINGS.c.asset_code == where.asset)
    if where.kind is not None:
        query = query.where(ACCOUNTS.c.kind == where.kind.value)
    at_ = POSTINGS.c.created_at
    if where.direction is Direction.CREDIT:
        query = query.where(POSTINGS.c.amount > 0)
    elif where.direction is Direction.DEBIT:
        query = query.where(POSTINGS.c.amount < 0)
    if where.since is not None:
        query = query.where(at_ >= where.since)
    if where.until is not None:
        query = query.where(at_ < where.until)
    return NEWEST_FIRST.select(query, page)


class SqlHistory:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(
        self, owner: UserId, where: HistoryFilter, page: PageRequest
    ) -> Page[HistoryItem]:
        found = (await self._session.execute(page_query(owner, where, page))).all()
        return NEWEST_FIRST.page(found, page, _item)

    async def _precision(self, account_id: AccountId) -> int:
        precision = await self._session.scalar(
            select(ACCOUNTS.c.precision).where(ACCOUNTS.c.id == account_id)
        )
        return int(precision or 0)

    async def balance_before(self, account_id: AccountId, moment: datetime) -> Decimal:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(POSTINGS.c.amount), 0)).where(
                POSTINGS.c.account_id == account_id, POSTINGS.c.created_at < moment
            )
        )
        return _at_precision(Decimal(total or 0), await self._precision(account_id))

    async def movements(
        self, account_id: AccountId, since: datetime, until: datetime
    ) -> list[Movement]:
        rows = await self._session.execute(
            select(
                ENTRIES.c.created_at,
                ENTRIES.c.memo,
                ENTRIES.c.reference,
                ENTRIES.c.id,
                POSTINGS.c.amount,
            )
            .select_from(POSTINGS)
            .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
            .where(
                POSTINGS.c.account_id == account_id,
                POSTINGS.c.created_at >= since,
                POSTINGS.c.created_at < until,
            )
            .order_by(ENTRIES.c.created_at, ENTRIES.c.id, POSTINGS.c.line)
        )
        precision = await self._precision(account_id)
        return [
            # Without a reference, the random tail of the entry id names it.
            Movement(
                row.created_at,
                row.memo,
                _at_precision(row.amount, precision),
                row.reference or str(row.id)[-12:],
            )
            for row in rows
        ]
