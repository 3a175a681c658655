"""Portfolio context wiring: investments, capital activities, their figures and index series.
The brokerage account (trading's ``BrokerageHoldings``) and the holdings in platform companies
(the cap table's ``ShareHoldings``) are their owners' ports, provided by their wiring and taken
here by type."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.http.middleware.body_limit import RouteBodyLimit
from adapters.http.portfolio import documents_router
from adapters.http.portfolio.analytics_router import router as analytics_router
from adapters.http.portfolio.investments_router import router as investments_router
from adapters.http.portfolio.summary_body import JsonSummaryRenderer
from adapters.persistence.portfolio.trade_prices import TradePriceHistory
from adapters.persistence.portfolio.unit_of_work import PortfolioUnitOfWork
from domain.shared.uploads import UPLOAD_FIELD
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.portfolio.renderer import statement_renderer
from infrastructure.wiring.kernel import setting
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.portfolio import ports
from usecases.portfolio.activities.delete_activity import DeleteActivityHandler
from usecases.portfolio.activities.import_activities import ImportActivitiesHandler
from usecases.portfolio.activities.list_activities import ListActivitiesHandler
from usecases.portfolio.activities.record_activity import RecordActivityHandler
from usecases.portfolio.analytics.get_allocation import GetAllocationHandler
from usecases.portfolio.analytics.get_investment_metrics import GetInvestmentMetricsHandler
from usecases.portfolio.analytics.get_portfolio_summary import GetPortfolioSummaryHandler
from usecases.portfolio.analytics.get_value_history import GetValueHistoryHandler
from usecases.portfolio.analytics.index_series import (
    ImportIndexLevelsHandler,
    ListIndexLevelsHandler,
)
from usecases.portfolio.analytics.summary_cache import SummaryCache
from usecases.portfolio.documents.download_document import DownloadInvestmentDocumentHandler
from usecases.portfolio.documents.list_documents import ListInvestmentDocumentsHandler
from usecases.portfolio.documents.upload_document import UploadInvestmentDocumentHandler
from usecases.portfolio.investments.create_investment import CreateInvestmentHandler
from usecases.portfolio.investments.delete_investment import DeleteInvestmentHandler
from usecases.portfolio.investments.get_investment import GetInvestmentHandler
from usecases.portfolio.investments.list_investments import ListInvestmentsHandler
from usecases.portfolio.investments.update_investment import UpdateInvestmentHandler
from usecases.portfolio.statements.get_quarterly_statement import GetQuarterlyStatementHandler
from usecases.portfolio.statements.rendering import StatementRenderer


def unit_of_work(container: Container) -> PortfolioUnitOfWork:
    return PortfolioUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        clock=container.clock,
    )


MULTIPART_OVERHEAD_BYTES = 64 * 1024  # the form's other fields and boundaries


def upload_limits(settings: Settings) -> Mapping[str, RouteBodyLimit]:
    """The document upload's body may hold a whole document (the default limit is 1 MiB)."""
    limit = RouteBodyLimit(
        settings.portfolio_document_max_bytes + MULTIPART_OVERHEAD_BYTES, UPLOAD_FIELD
    )
    path = f"{API_PREFIX}{documents_router.router.prefix}{documents_router.UPLOAD_PATH}"
    return {path: limit}


MODULE = ContextModule(
    name="portfolio",
    handlers=(
        CreateInvestmentHandler,
        ListInvestmentsHandler,
        GetInvestmentHandler,
        UpdateInvestmentHandler,
        DeleteInvestmentHandler,
        RecordActivityHandler,
        ListActivitiesHandler,
        DeleteActivityHandler,
        ImportActivitiesHandler,
        GetInvestmentMetricsHandler,
        GetPortfolioSummaryHandler,
        ImportIndexLevelsHandler,
        ListIndexLevelsHandler,
        GetAllocationHandler,
        GetValueHistoryHandler,
        GetQuarterlyStatementHandler,
        UploadInvestmentDocumentHandler,
        ListInvestmentDocumentsHandler,
        DownloadInvestmentDocumentHandler,
    ),
    collaborators=(
        per_use(ports.PortfolioUnitOfWork, unit_of_work),
        # trading's trades until market data's daily candles replace them
        once(ports.PriceHistory, TradePriceHistory),
        once(StatementRenderer, statement_renderer),
        # the dashboard's private half, rendered once and cached under the owner's version
        once(ports.SummaryRenderer, JsonSummaryRenderer),
        once(SummaryCache),
        setting("document_max_bytes", lambda s: s.portfolio_document_max_bytes),
    ),
    routers=(
        Mounted(investments_router),
        Mounted(analytics_router),
        Mounted(documents_router.router),
    ),
    body_limits=upload_limits,
)
