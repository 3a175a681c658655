"""Use case: one of my FX quotes (anyone else's answers 404, like an unknown id)."""

from __future__ import annotations

from dataclasses import dataclass
from uuid import UUID

from domain.banking.fx import FxQuote, FxQuoteNotFound
from domain.shared.actor import Actor
from usecases.banking.access import signed_in_user
from usecases.banking.ports import BankingUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class GetFxQuote:
    actor: Actor
    quote_id: UUID


class GetFxQuoteHandler:
    def __init__(self, uow: BankingUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: GetFxQuote) -> FxQuote:
        user_id = signed_in_user(cmd.actor)
        async with self._uow as uow:
            quote = await uow.fx_quotes.get(cmd.quote_id)
        if quote is None or quote.user_id != user_id:
            raise FxQuoteNotFound(f"no quote {cmd.quote_id}")
        return quote
