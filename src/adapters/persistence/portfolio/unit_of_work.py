"""The portfolio's unit of work: its repositories on one session. Writers of one investment's
activities lock the investment row first."""

from __future__ import annotations

from adapters.persistence.portfolio.repositories import (
    SqlActivities,
    SqlIndexSeries,
    SqlInvestmentDocuments,
    SqlInvestments,
)
from adapters.persistence.portfolio.summary_versions import SqlSummaryVersions
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork


class PortfolioUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def investments(self) -> SqlInvestments:
        return SqlInvestments(self.session)

    @property
    def activities(self) -> SqlActivities:
        return SqlActivities(self.session)

    @property
    def index_series(self) -> SqlIndexSeries:
        return SqlIndexSeries(self.session)

    @property
    def documents(self) -> SqlInvestmentDocuments:
        return SqlInvestmentDocuments(self.session)

    @property
    def summary_versions(self) -> SqlSummaryVersions:
        return SqlSummaryVersions(self.session)
