"""FX quote and conversion rows ⇄ domain objects."""

from __future__ import annotations

from uuid import UUID

from sqlalchemy import insert, select, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.banking.fx_models import FxConversionRow, FxQuoteRow
from adapters.persistence.cursor import Keyset
from adapters.persistence.mapping import row_values, to_domain
from domain.banking.fx import FxConversion, FxQuote
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

NEWEST_FIRST = Keyset(
    "banking_fx_conversions",
    (FxConversionRow.created_at, FxConversionRow.id),
    descending=(True, True),
)


class SqlFxQuotes:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, quote: FxQuote) -> None:
        await self._session.execute(insert(FxQuoteRow).values(**row_values(quote, FxQuoteRow)))

    async def get(self, quote_id: UUID, *, for_update: bool = False) -> FxQuote | None:
        query = select(FxQuoteRow).where(FxQuoteRow.id == quote_id)
        if for_update:
            query = query.with_for_update()
        row = await self._session.scalar(query.execution_options(populate_existing=True))
        return None if row is None else to_domain(row, FxQuote)

    async def save(self, quote: FxQuote) -> None:
        await self._session.execute(
            update(FxQuoteRow)
            .where(FxQuoteRow.id == quote.id)
            .values(**row_values(quote, FxQuoteRow, only=("converted_at",)))
        )


class SqlFxConversions:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def add(self, conversion: FxConversion) -> None:
        await self._session.execute(
            insert(FxConversionRow).values(**row_values(conversion, FxConversionRow))
        )

    async def get(self, conversion_id: UUID) -> FxConversion | None:
        row = await self._session.scalar(
            select(FxConversionRow).where(FxConversionRow.id == conversion_id)
        )
        return None if row is None else to_domain(row, FxConversion)

    async def page(self, user_id: UserId, page: PageRequest) -> Page[FxConversion]:
        query = select(FxConversionRow).where(FxConversionRow.user_id == user_id)
        rows = list(await self._session.scalars(NEWEST_FIRST.select(query, page)))
        return NEWEST_FIRST.page(rows, page, lambda r: to_domain(r, FxConversion))
