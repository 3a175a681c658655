"""Demo cap table: a company with a common and a preferred class, a dozen stakeholders (the
demo investor among them, linked to the demo user, who sees their holdings under
``/captable/me``), issuances with numbered certificates, and one transfer waiting in its
right-of-first-refusal window (the demo investor sells part of their preferred shares to
Harbor Angels), all through the use cases
(development only; idempotent: a second run finds the company and adds nothing)."""

from __future__ import annotations

from datetime import date
from uuid import UUID

from sqlalchemy import text

from domain.captable.events import Issuance
from domain.captable.share_class import ClassType
from domain.captable.stakeholder import StakeholderType
from domain.shared.actor import Actor
from domain.shared.ids import UserId
from domain.shared.pagination import PageRequest
from infrastructure.container import Container
from infrastructure.demo.investor import DEMO_INVESTOR_EMAIL, DEMO_INVESTOR_NAME
from infrastructure.demo.seeders import Seeder
from infrastructure.wiring import build_registry
from usecases.captable.events.issue_shares import IssueShares, IssueSharesHandler
from usecases.captable.issuers.create_issuer import CreateIssuer, CreateIssuerHandler
from usecases.captable.issuers.create_share_class import CreateShareClass, CreateShareClassHandler
from usecases.captable.issuers.create_stakeholder import CreateStakeholder, CreateStakeholderHandler
from usecases.captable.issuers.create_stock_legend import (
    CreateStockLegend,
    CreateStockLegendHandler,
)
from usecases.captable.issuers.link_stakeholder import LinkStakeholder, LinkStakeholderHandler
from usecases.captable.issuers.list_issuers import ListIssuers, ListIssuersHandler
from usecases.captable.transfers.draft_transfer import DraftTransfer, DraftTransferHandler
from usecases.captable.transfers.submit_transfer import SubmitTransfer, SubmitTransferHandler

DEMO_COMPANY = "Meridian Demo Robotics, Inc."
# The legends every demo certificate prints (stock legend templates of the demo company).
DEMO_LEGENDS = (
    (
        "Securities Act",
        "THE SHARES REPRESENTED BY THIS CERTIFICATE HAVE NOT BEEN REGISTERED UNDER THE SECURITIES "
        "ACT OF 1933, AS AMENDED, OR ANY STATE SECURITIES LAWS, AND MAY NOT BE SOLD, TRANSFERRED "
        "OR OTHERWISE DISPOSED OF EXCEPT IN COMPLIANCE WITH THOSE LAWS.",
    ),
    (
        "Right of first refusal",
        "THE SHARES ARE SUBJECT TO A RIGHT OF FIRST REFUSAL IN FAVOUR OF THE ISSUER, AS SET OUT IN "
        "ITS BYLAWS; A TRANSFER IN BREACH OF IT IS VOID.",
    ),
)
# (name, type, class, shares, month of 2024 issued)
HOLDINGS = (
    ("Maya Chen", StakeholderType.INDIVIDUAL, "CS", "3000000", 1),
    ("Arjun Rao", StakeholderType.INDIVIDUAL, "CS", "3000000", 1),
    ("Lena Fischer", StakeholderType.INDIVIDUAL, "CS", "400000", 3),
    ("Tomás Ortega", StakeholderType.INDIVIDUAL, "CS", "250000", 3),
    ("Nadia Haddad", StakeholderType.INDIVIDUAL, "CS", "150000", 4),
    ("Kenji Watanabe", StakeholderType.INDIVIDUAL, "CS", "120000", 5),
    ("Grace Okafor", StakeholderType.INDIVIDUAL, "CS", "80000", 6),
    (DEMO_INVESTOR_NAME, StakeholderType.INDIVIDUAL, "PA", "40000", 9),
    ("Northwind Ventures LP", StakeholderType.INSTITUTION, "PA", "800000", 9),
    ("Harbor Angels LLC", StakeholderType.INSTITUTION, "PA", "240000", 9),
    ("Blue Ridge Capital Fund II", StakeholderType.INSTITUTION, "PA", "400000", 10),
    ("Ishaan Mehta", StakeholderType.INDIVIDUAL, "CS", "60000", 11),
)


async def _exists(container: Container, system: Actor) -> bool:
    registry = build_registry(container)
    page = await registry.resolve(ListIssuersHandler).execute(
        ListIssuers(actor=system, page=PageRequest(200, None))
    )
    return any(issuer.legal_name == DEMO_COMPANY for issuer in page.items)


async def _investor(container: Container) -> tuple[UserId, str] | None:
    async with container.session_factory() as session:
        row = (
            await session.execute(
                text("SELECT id, code FROM users WHERE email = :email"),
                {"email": DEMO_INVESTOR_EMAIL},
            )
        ).first()
    return None if row is None else (UserId(row[0]), str(row[1]))


async def seed_demo_cap_table(container: Container) -> int:
    if container.settings.is_production:
        raise RuntimeError("demo data is never loaded in production")
    system = Actor.system("seed-demo")
    if await _exists(container, system):
        return 0
    registry = build_registry(container)
    issuer = await registry.resolve(CreateIssuerHandler).execute(
        CreateIssuer(
            actor=system,
            legal_name=DEMO_COMPANY,
            formation_date=date(2023, 11, 6),
            country_of_formation="US",
            country_subdivision_of_formation="DE",
            currency="USD",
        )
    )
    legends: list[UUID] = []
    for legend_name, wording in DEMO_LEGENDS:
        legend = await registry.resolve(CreateStockLegendHandler).execute(
            CreateStockLegend(actor=system, issuer_id=issuer.id, name=legend_name, text=wording)
        )
        legends.append(legend.id)
    classes = {}
    for prefix, name, class_type, authorized, price in (
        ("CS", "Common Stock", ClassType.COMMON, "10000000", None),
        ("PA", "Series A Preferred Stock", ClassType.PREFERRED, "2000000", "1.25"),
    ):
        created = await registry.resolve(CreateShareClassHandler).execute(
            CreateShareClass(
                actor=system,
                issuer_id=issuer.id,
                name=name,
                class_type=class_type,
                certificate_prefix=prefix,
                initial_shares_authorized=authorized,
                par_value="0.0001",
                price_per_share=price,
                seniority=2 if class_type is ClassType.PREFERRED else 1,
                board_approval_date=date(2023, 11, 6),
            )
        )
        classes[prefix] = created.id
    investor = await _investor(container)
    code = investor[1] if investor is not None else None
    ids: dict[str, UUID] = {}
    certificates: dict[str, UUID] = {}
    records = 3 + len(DEMO_LEGENDS)
    for name, holder_type, prefix, shares, month in HOLDINGS:
        stakeholder = await registry.resolve(CreateStakeholderHandler).execute(
            CreateStakeholder(
                actor=system,
                issuer_id=issuer.id,
                legal_name=name,
                stakeholder_type=holder_type,
                email=DEMO_INVESTOR_EMAIL if name == DEMO_INVESTOR_NAME else None,
            )
        )
        if name == DEMO_INVESTOR_NAME and code is not None:
            await registry.resolve(LinkStakeholderHandler).execute(
                LinkStakeholder(
                    actor=system,
                    issuer_id=issuer.id,
                    stakeholder_id=stakeholder.id,
                    user_code=code,
                )
            )
        ids[name] = stakeholder.id
        issued = await registry.resolve(IssueSharesHandler).execute(
            IssueShares(
                actor=system,
                issuer_id=issuer.id,
                stakeholder_id=stakeholder.id,
                stock_class_id=classes[prefix],
                quantity=shares,
                date=date(2024, month, 15),
                share_price="1.25" if prefix == "PA" else "0.01",
                stock_legend_ids=tuple(legends),
            )
        )
        if isinstance(issued.value, Issuance):
            certificates[name] = issued.value.security.id
        records += 2
    if investor is not None:
        records += await _transfer_in_rofr_window(
            container, issuer.id, investor[0], certificates[DEMO_INVESTOR_NAME], ids
        )
    return records


async def _transfer_in_rofr_window(
    container: Container,
    issuer_id: UUID,
    user_id: UserId,
    certificate: UUID,
    ids: dict[str, UUID],
) -> int:
    """The demo investor, signed in, offers 10,000 of their preferred shares to Harbor Angels
    at 1.50 and submits: the shares lock and the company's 30-day window runs."""
    registry = build_registry(container)
    seller = Actor(kind="user", user_id=user_id)
    drafted = await registry.resolve(DraftTransferHandler).execute(
        DraftTransfer(
            actor=seller,
            issuer_id=issuer_id,
            security_id=certificate,
            buyer_id=ids["Harbor Angels LLC"],
            quantity="10000",
            price_per_share="1.50",
        )
    )
    assert drafted.value is not None
    await registry.resolve(SubmitTransferHandler).execute(
        SubmitTransfer(actor=seller, issuer_id=issuer_id, transfer_id=drafted.value.id)
    )
    return 2


DEMO_CAP_TABLE = Seeder(
    name="captable: demo company, its holders, a transfer in ROFR",
    run=seed_demo_cap_table,
)
