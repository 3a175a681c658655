"""The journal, newest first, filtered through postings, a keyset page at a time."""

from __future__ import annotations

from sqlalchemy import ColumnElement, and_, exists, or_, select
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import decode_cursor, encode_cursor
from adapters.persistence.ledger.ledger import ACCOUNTS, ENTRIES, POSTINGS, load_entries
from domain.ledger.entries import JournalEntry
from domain.shared.pagination import Page, PageRequest
from usecases.ledger.ports import JournalFilter


class SqlJournal:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def page(self, where: JournalFilter, page: PageRequest) -> Page[JournalEntry]:
        query = select(ENTRIES.c.id, ENTRIES.c.created_at)
        posting: list[ColumnElement[bool]] = []
        if where.account_id is not None:
            posting.append(  # the account's own row or any of its shards
                POSTINGS.c.account_id.in_(
                    select(ACCOUNTS.c.id).where(
                        or_(
                            ACCOUNTS.c.id == where.account_id,
                            ACCOUNTS.c.parent_id == where.account_id,
                        )
                    )
                )
            )
        if where.asset is not None:
            posting.append(POSTINGS.c.asset_code == where.asset)
        if where.owner is not None:
            posting.append(
                POSTINGS.c.account_id.in_(
                    select(ACCOUNTS.c.id).where(ACCOUNTS.c.owner_id == where.owner)
                )
            )
        if posting:
            query = query.where(exists().where(POSTINGS.c.entry_id == ENTRIES.c.id, *posting))
        if where.reference is not None:
            query = query.where(ENTRIES.c.reference == where.reference)
        if where.since is not None:
            query = query.where(ENTRIES.c.created_at >= where.since)
        if where.until is not None:
            query = query.where(ENTRIES.c.created_at < where.until)
        if page.cursor is not None:
            at, last_id = decode_cursor(page.cursor, scope="journal")
            query = query.where(
                or_(
                    ENTRIES.c.created_at < at,
                    and_(ENTRIES.c.created_at == at, ENTRIES.c.id < last_id),
                )
            )
        rows = (
            await self._session.execute(
                query.order_by(ENTRIES.c.created_at.desc(), ENTRIES.c.id.desc()).limit(
                    page.limit + 1
                )
            )
        ).all()
        more = len(rows) > page.limit
        rows = rows[: page.limit]
        entries = await load_entries(self._session, [row.id for row in rows])
        cursor = encode_cursor(rows[-1].created_at, rows[-1].id, scope="journal") if more else None
        return Page(entries, cursor)
