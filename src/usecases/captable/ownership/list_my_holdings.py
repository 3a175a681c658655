"""Use case: my holdings, in every issuer where a company linked me to a stakeholder: by
issuer and class, only mine."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest, page_in_memory
from usecases.captable.access import signed_in_user
from usecases.captable.ports import CaptableUnitOfWork
from usecases.captable.views import MyHolding


@dataclass(frozen=True, slots=True, kw_only=True)
class ListMyHoldings:
    actor: Actor
    page: PageRequest


class ListMyHoldingsHandler:
    def __init__(self, uow: CaptableUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListMyHoldings) -> Page[MyHolding]:
        user_id = signed_in_user(cmd.actor)
        rows: list[MyHolding] = []
        async with self._uow as uow:
            for stakeholder in await uow.stakeholders.of_user(user_id):
                issuer = await uow.issuers.get(stakeholder.issuer_id)
                classes = {
                    c.id: c for c in await uow.share_classes.of_issuer(stakeholder.issuer_id)
                }
                for h in await uow.cap_tables.holdings(stakeholder.issuer_id):
                    if h.stakeholder_id != stakeholder.id or issuer is None:
                        continue
                    rows.append(
                        MyHolding(
                            issuer_id=issuer.id,
                            issuer_name=issuer.legal_name,
                            stakeholder_id=stakeholder.id,
                            stock_class_id=h.stock_class_id,
                            class_name=classes[h.stock_class_id].name,
                            quantity=h.quantity,
                            certificates=h.certificates,
                        )
                    )
        return page_in_memory(
            rows,
            cmd.page,
            scope="captable-my-holdings",
            key=lambda r: f"{r.issuer_id}:{r.stock_class_id}",
        )
