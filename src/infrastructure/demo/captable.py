"""Demo cap table: a company with a common and a preferred class, a dozen stakeholders (the
demo investor among them, linked to the demo user, who sees their holdings under
``/captable/me``) and issuances with numbered certificates, all through the use cases
(development only; idempotent: a second run finds the company and adds nothing)."""

from __future__ import annotations

from datetime import date

from sqlalchemy import text

from domain.captable.share_class import ClassType
from domain.captable.stakeholder import StakeholderType
from domain.shared.actor import Actor
from domain.shared.pagination import PageRequest
from infrastructure.container import Container
from infrastructure.demo.investor import DEMO_INVESTOR_EMAIL, DEMO_INVESTOR_NAME
from infrastructure.demo.seeders import Seeder
from infrastructure.wiring import build_registry
from usecases.captable.create_issuer import CreateIssuer, CreateIssuerHandler
from usecases.captable.create_share_class import CreateShareClass, CreateShareClassHandler
from usecases.captable.create_stakeholder import CreateStakeholder, CreateStakeholderHandler
from usecases.captable.issue_shares import IssueShares, IssueSharesHandler
from usecases.captable.link_stakeholder import LinkStakeholder, LinkStakeholderHandler
from usecases.captable.list_issuers import ListIssuers, ListIssuersHandler

DEMO_COMPANY = "Meridian Demo Robotics, Inc."
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


async def _investor_code(container: Container) -> str | None:
    async with container.session_factory() as session:
        code = await session.scalar(
            text("SELECT code FROM users WHERE email = :email"), {"email": DEMO_INVESTOR_EMAIL}
        )
    return None if code is None else str(code)


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
    code = await _investor_code(container)
    records = 3
    for name, kind, prefix, shares, month in HOLDINGS:
        stakeholder = await registry.resolve(CreateStakeholderHandler).execute(
            CreateStakeholder(
                actor=system,
                issuer_id=issuer.id,
                legal_name=name,
                stakeholder_type=kind,
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
        await registry.resolve(IssueSharesHandler).execute(
            IssueShares(
                actor=system,
                issuer_id=issuer.id,
                stakeholder_id=stakeholder.id,
                stock_class_id=classes[prefix],
                quantity=shares,
                date=date(2024, month, 15),
                share_price="1.25" if prefix == "PA" else "0.01",
            )
        )
        records += 2
    return records


DEMO_CAP_TABLE = Seeder(
    name="captable: demo company with two classes and a dozen stakeholders",
    run=seed_demo_cap_table,
)
