"""Who sees which investment: its owner, and nobody else. To anyone else an investment answers
exactly like one that does not exist (404). Index series are the investor's own too: each
user stores the benchmarks they compare against, under names of their choosing."""

from __future__ import annotations

from uuid import UUID

from domain.portfolio.errors import InvestmentNotFound
from domain.portfolio.investment import Investment
from domain.shared.actor import Actor
from domain.shared.errors import Unauthenticated
from domain.shared.ids import UserId
from usecases.portfolio.ports import PortfolioUnitOfWork


def signed_in_user(actor: Actor) -> UserId:
    if actor.user_id is None:
        raise Unauthenticated("a portfolio belongs to a signed-in user")
    return actor.user_id


async def own_investment(
    uow: PortfolioUnitOfWork, actor: Actor, investment_id: UUID, *, for_update: bool = False
) -> Investment:
    owner = signed_in_user(actor)
    investment = await uow.investments.get(investment_id, for_update=for_update)
    if investment is None or investment.owner_id != owner:
        raise InvestmentNotFound(investment_id)
    return investment
