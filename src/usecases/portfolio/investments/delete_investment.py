"""Use case: I remove an investment I recorded, with its activities and documents (their
files are removed from the document store after the commit)."""

from __future__ import annotations

import logging
from dataclasses import dataclass
from uuid import UUID

from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.portfolio.access import own_investment
from usecases.portfolio.ports import PortfolioUnitOfWork
from usecases.shared.ports.document_store import DocumentStore

log = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True, kw_only=True)
class DeleteInvestment:
    actor: Actor
    investment_id: UUID


class DeleteInvestmentHandler:
    def __init__(self, uow: PortfolioUnitOfWork, store: DocumentStore) -> None:
        self._uow = uow
        self._store = store

    async def execute(self, cmd: DeleteInvestment) -> None:
        async with self._uow as uow:
            investment = await own_investment(uow, cmd.actor, cmd.investment_id, for_update=True)
            files = await uow.documents.storage_keys(investment.id)
            await uow.investments.remove(investment.id)
            uow.audit(
                AuditRecord(
                    action="portfolio.delete_investment",
                    actor=cmd.actor,
                    resource_type="investment",
                    resource_id=str(investment.id),
                    before={"name": investment.name, "documents": len(files)},
                )
            )
            await uow.commit()
        for key in files:
            try:
                await self._store.delete(key)
            except Exception:  # the investment is gone; a file left over is only waste
                log.warning(
                    "investment document file not removed", extra={"investment": str(investment.id)}
                )
