"""A user's postings with running balances (a window over each account's postings in posting
order), filtered and paged newest first; and the pieces of a monthly statement."""

from __future__ import annotations

from datetime import datetime
from decimal import Decimal
from typing import Any

from sqlalchemy import Row, and_, func, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import decode_cursor, encode_cursor
from adapters.persistence.ledger.ledger import ACCOUNTS, ENTRIES, POSTINGS
from domain.ledger.accounts import AccountId, AccountKind
from domain.ledger.entries import EntryId
from domain.ledger.history import Direction, HistoryFilter, HistoryItem
from domain.ledger.statement import Movement
from domain.shared.errors import invalid_field
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest


def _cursor(item: HistoryItem) -> str:
    return f"{encode_cursor(item.at, item.entry_id)}.{item.line}"


def _decode(cursor: str) -> tuple[datetime, EntryId, int]:
    head, _, line = cursor.rpartition(".")
    if not line.isdigit():
        raise invalid_field("cursor", "not a cursor this API issued")
    at, entry_id = decode_cursor(head)
    return at, EntryId(entry_id), int(line)


def _at_precision(value: Decimal, precision: int) -> Decimal:
    """NUMERIC(28, 8) in the database, the asset's own places in answers."""
    return value.quantize(Decimal(1).scaleb(-precision))


def _item(row: Row[Any]) -> HistoryItem:
    return HistoryItem(
        entry_id=EntryId(row.entry_id),
        line=row.line,
        at=row.at,
        memo=row.memo,
        reference=row.reference,
        account_id=AccountId(row.account_id),
        kind=AccountKind(row.kind),
        asset=row.asset_code,
        amount=_at_precision(row.amount, row.precision),
        balance_after=_at_precision(row.balance_after, row.precision),
    )


class SqlHistory:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(
        self, owner: UserId, where: HistoryFilter, page: PageRequest
    ) -> Page[HistoryItem]:
        order = (ENTRIES.c.created_at, POSTINGS.c.entry_id, POSTINGS.c.line)
        # Balances run over every posting of the account, before any filter narrows the rows.
        running = (
            select(
                POSTINGS.c.entry_id,
                POSTINGS.c.line,
                POSTINGS.c.account_id,
                POSTINGS.c.asset_code,
                POSTINGS.c.amount,
                ACCOUNTS.c.kind,
                ACCOUNTS.c.precision,
                ENTRIES.c.created_at.label("at"),
                ENTRIES.c.memo,
                ENTRIES.c.reference,
                func.sum(POSTINGS.c.amount)
                .over(partition_by=POSTINGS.c.account_id, order_by=order)
                .label("balance_after"),
            )
            .join(ACCOUNTS, ACCOUNTS.c.id == POSTINGS.c.account_id)
            .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
            .where(ACCOUNTS.c.owner_id == owner)
        )
        if where.asset is not None:
            running = running.where(POSTINGS.c.asset_code == where.asset)
        if where.kind is not None:
            running = running.where(ACCOUNTS.c.kind == where.kind.value)
        rows = running.subquery()
        query = select(rows)
        if where.direction is Direction.CREDIT:
            query = query.where(rows.c.amount > 0)
        elif where.direction is Direction.DEBIT:
            query = query.where(rows.c.amount < 0)
        if where.since is not None:
            query = query.where(rows.c.at >= where.since)
        if where.until is not None:
            query = query.where(rows.c.at < where.until)
        if page.cursor is not None:
            at, entry_id, line = _decode(page.cursor)
            query = query.where(
                or_(
                    rows.c.at < at,
                    and_(rows.c.at == at, rows.c.entry_id < entry_id),
                    and_(rows.c.at == at, rows.c.entry_id == entry_id, rows.c.line < line),
                )
            )
        query = query.order_by(rows.c.at.desc(), rows.c.entry_id.desc(), rows.c.line.desc())
        found = (await self._session.execute(query.limit(page.limit + 1))).all()
        items = [_item(row) for row in found[: page.limit]]
        more = len(found) > page.limit
        return Page(items, _cursor(items[-1]) if more else None)

    async def _precision(self, account_id: AccountId) -> int:
        precision = await self._session.scalar(
            select(ACCOUNTS.c.precision).where(ACCOUNTS.c.id == account_id)
        )
        return int(precision or 0)

    async def balance_before(self, account_id: AccountId, moment: datetime) -> Decimal:
        total = await self._session.scalar(
            select(func.coalesce(func.sum(POSTINGS.c.amount), 0))
            .join(ENTRIES, ENTRIES.c.id == POSTINGS.c.entry_id)
            .where(POSTINGS.c.account_id == account_id, ENTRIES.c.created_at < moment)
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
                ENTRIES.c.created_at >= since,
                ENTRIES.c.created_at < until,
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
