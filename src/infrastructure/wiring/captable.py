"""Cap table context wiring: issuers, classes, stakeholders, the event history, its cached
views and certificates.

Identity's user directory (stakeholders linked by user code, messages to linked holders) comes
through identity's public port, provided by its wiring and taken by type. The certificate
renderer is the captable PDF adapter's process pool (``infrastructure/captable/pdf``)."""

from __future__ import annotations

from collections.abc import Mapping

from adapters.http.captable.catalog_router import router as catalog_router
from adapters.http.captable.certificates_router import public_router
from adapters.http.captable.certificates_router import router as certificates_router
from adapters.http.captable.events_router import router as events_router
from adapters.http.captable.issuers_router import router as issuers_router
from adapters.http.captable.ocf_router import IMPORT_PATH
from adapters.http.captable.ocf_router import router as ocf_router
from adapters.http.captable.views_router import router as views_router
from adapters.http.middleware.body_limit import RouteBodyLimit
from adapters.persistence.captable.share_holdings import SqlShareHoldings
from adapters.persistence.captable.unit_of_work import CONSTRAINT_FIELDS, CaptableUnitOfWork
from infrastructure.captable import transfers
from infrastructure.captable.ocf.codec import OcfZipCodec
from infrastructure.captable.pdf.renderer import certificate_renderer
from infrastructure.config.settings import Settings
from infrastructure.container import Container
from infrastructure.wiring.kernel import idempotency_ttl
from infrastructure.wiring.module import API_PREFIX, ContextModule, Mounted
from infrastructure.wiring.providers import once, per_use
from usecases.captable import ports
from usecases.captable.config import CaptableConfig
from usecases.captable.events.adjust_authorized_shares import AdjustAuthorizedSharesHandler
from usecases.captable.events.cancel_shares import CancelSharesHandler
from usecases.captable.events.convert_shares import ConvertSharesHandler
from usecases.captable.events.issue_shares import IssueSharesHandler
from usecases.captable.events.list_events import ListEventsHandler
from usecases.captable.events.rebuild_cap_table import RebuildCapTableHandler
from usecases.captable.events.repurchase_shares import RepurchaseSharesHandler
from usecases.captable.events.split_shares import SplitSharesHandler
from usecases.captable.issuers.create_issuer import CreateIssuerHandler
from usecases.captable.issuers.create_share_class import CreateShareClassHandler
from usecases.captable.issuers.create_stakeholder import CreateStakeholderHandler
from usecases.captable.issuers.create_stock_legend import CreateStockLegendHandler
from usecases.captable.issuers.create_stock_plan import CreateStockPlanHandler
from usecases.captable.issuers.get_issuer import GetIssuerHandler
from usecases.captable.issuers.link_stakeholder import LinkStakeholderHandler
from usecases.captable.issuers.list_issuers import ListIssuersHandler
from usecases.captable.issuers.list_share_classes import ListShareClassesHandler
from usecases.captable.issuers.list_stakeholders import ListStakeholdersHandler
from usecases.captable.issuers.list_stock_legends import ListStockLegendsHandler
from usecases.captable.issuers.list_stock_plans import ListStockPlansHandler
from usecases.captable.ocf.export_ocf_package import ExportOcfPackageHandler
from usecases.captable.ocf.import_ocf_package import ImportOcfPackageHandler
from usecases.captable.ocf.ports import OcfCodec, OcfLimits
from usecases.captable.ownership.download_certificate import DownloadCertificateHandler
from usecases.captable.ownership.get_cap_table_summary import GetCapTableSummaryHandler
from usecases.captable.ownership.get_security_lineage import GetSecurityLineageHandler
from usecases.captable.ownership.list_class_holdings import ListClassHoldingsHandler
from usecases.captable.ownership.list_holders import ListHoldersHandler
from usecases.captable.ownership.list_my_certificates import ListMyCertificatesHandler
from usecases.captable.ownership.list_my_holdings import ListMyHoldingsHandler
from usecases.captable.ownership.list_securities import ListSecuritiesHandler
from usecases.captable.ownership.verify_certificate import VerifyCertificateHandler
from usecases.captable.public import ShareHoldings
from usecases.captable.rendering import CertificateRenderer
from usecases.captable.view_cache import OwnershipViews

VERIFY_PATH = "/certificates/{certificate_id}/verify"
# Room for the multipart framing around an OCF package upload.
MULTIPART_OVERHEAD_BYTES = 64 * 1024


def unit_of_work(container: Container) -> CaptableUnitOfWork:
    return CaptableUnitOfWork(
        container.session_factory,
        notifier_factory=container.notifier_factory,
        constraint_fields=CONSTRAINT_FIELDS,
        clock=container.clock,
    )


def captable_config(settings: Settings) -> CaptableConfig:
    return CaptableConfig(
        idempotency_ttl=idempotency_ttl(settings),
        verify_url=f"{public_base(settings)}{API_PREFIX}{VERIFY_PATH}",
    )


def public_base(settings: Settings) -> str:
    return (settings.public_base_url or f"http://{settings.host}:{settings.port}").rstrip("/")


def ocf_limits() -> OcfLimits:
    return OcfLimits()


def ocf_codec(limits: OcfLimits) -> OcfCodec:
    return OcfZipCodec(limits)


def share_holdings(container: Container) -> ShareHoldings:
    """The cap table's public port for the portfolio's dashboard (taken there by type)."""
    return SqlShareHoldings(container.session_factory)


def ocf_upload_limit(settings: Settings) -> Mapping[str, RouteBodyLimit]:
    """The OCF import's body may hold a whole package (the default body limit is 1 MiB)."""
    limit = RouteBodyLimit(OcfLimits().max_package_bytes + MULTIPART_OVERHEAD_BYTES, "file")
    return {f"{API_PREFIX}{ocf_router.prefix}{IMPORT_PATH}": limit}


MODULE = ContextModule(
    name="captable",
    handlers=(
        CreateIssuerHandler,
        ListIssuersHandler,
        GetIssuerHandler,
        CreateShareClassHandler,
        ListShareClassesHandler,
        CreateStakeholderHandler,
        ListStakeholdersHandler,
        LinkStakeholderHandler,
        IssueSharesHandler,
        CancelSharesHandler,
        RepurchaseSharesHandler,
        ConvertSharesHandler,
        SplitSharesHandler,
        AdjustAuthorizedSharesHandler,
        GetCapTableSummaryHandler,
        ListHoldersHandler,
        ListClassHoldingsHandler,
        ListSecuritiesHandler,
        GetSecurityLineageHandler,
        ListEventsHandler,
        ListMyHoldingsHandler,
        ListMyCertificatesHandler,
        DownloadCertificateHandler,
        VerifyCertificateHandler,
        RebuildCapTableHandler,  # meridian captable rebuild
        *transfers.HANDLERS,  # the share-transfer workflow
        ImportOcfPackageHandler,  # also meridian captable import
        ExportOcfPackageHandler,  # also meridian captable export
        CreateStockLegendHandler,
        ListStockLegendsHandler,
        CreateStockPlanHandler,
        ListStockPlansHandler,
    ),
    collaborators=(
        per_use(ports.CaptableUnitOfWork, unit_of_work),
        once(CaptableConfig, captable_config),
        once(OwnershipViews),
        once(CertificateRenderer, certificate_renderer),
        *transfers.COLLABORATORS,
        once(OcfLimits, ocf_limits),
        once(OcfCodec, ocf_codec),
        once(ShareHoldings, share_holdings),
    ),
    routers=(
        Mounted(issuers_router),
        Mounted(events_router),
        Mounted(views_router),
        Mounted(certificates_router),
        Mounted(public_router),
        *transfers.ROUTERS,
        Mounted(ocf_router),
        Mounted(catalog_router),
    ),
    body_limits=ocf_upload_limit,
)
