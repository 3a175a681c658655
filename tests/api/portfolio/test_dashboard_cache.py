"""The dashboard's private half is cached under the owner's summary version: every write that
changes it (an investment created, revised or deleted; an activity recorded, imported or
deleted) shows on the very next read, a write that does not (a document, a dry run, someone
else's write) leaves the cached answer in place, and the brokerage account and the platform
companies are live on every read. The cached body is byte for byte what the whole read
schema renders."""

from __future__ import annotations

import random
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx

from adapters.http.portfolio.schemas import (
    BrokerageSectionRead,
    CompanyHoldingRead,
    FiguresRead,
    InvestmentRead,
    InvestmentSummaryRead,
    PortfolioSummaryRead,
)
from adapters.http.portfolio.summary_body import (
    JsonSummaryRenderer,
    currency_read,
    summary_body,
)
from adapters.persistence.portfolio.unit_of_work import PortfolioUnitOfWork
from domain.portfolio.activity import Activity, ActivityKind
from domain.portfolio.investment import Investment, InvestmentKind
from domain.portfolio.performance import portfolio_figures, sums_of
from domain.shared.ids import UserId, new_uuid
from infrastructure.container import Container
from tests.api.captable.transfer_support import Transfers
from tests.api.portfolio.test_dashboard_holdings import trade
from tests.api.portfolio.test_portfolio_api import API, activity, csv_file, investment
from tests.api.trading.conftest import Trading
from tests.support.accounts import Account, Accounts
from tests.support.files import pdf_bytes
from usecases.portfolio.analytics.get_portfolio_summary import PortfolioSummary


async def summary(client: httpx.AsyncClient, who: Account) -> dict[str, Any]:
    response = await client.get(f"{API}/summary", headers=who.headers)
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/json"
    body: dict[str, Any] = response.json()
    return body


async def version(container: Container, who: Account) -> int:
    async with PortfolioUnitOfWork(container.session_factory) as uow:
        return await uow.summary_versions.current(UserId(UUID(who.user["id"])))


def figures_of(body: dict[str, Any], investment_id: str) -> dict[str, Any]:
    [found] = [i for i in body["investments"] if i["investment"]["id"] == investment_id]
    figures: dict[str, Any] = found["figures"]
    return figures


async def test_every_write_shows_on_the_next_read(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    assert (await summary(client, me))["investments"] == []

    # an investment created
    inv = await investment(client, me)
    first = await summary(client, me)
    assert [i["investment"]["id"] for i in first["investments"]] == [inv["id"]]
    assert figures_of(first, inv["id"])["contributed"] == "0.00"

    # an activity recorded
    recorded = await activity(client, me, inv, "contribution", "2021-02-01", "1000")
    assert recorded.status_code == 201, recorded.text
    after_call = await summary(client, me)
    assert figures_of(after_call, inv["id"])["contributed"] == "1000.00"
    assert after_call["currencies"][0]["figures"]["contributed"] == "1000.00"

    # a valuation recorded: the NAV, the multiples and the IRR follow
    await activity(client, me, inv, "valuation", "2022-02-01", "1500")
    valued = figures_of(await summary(client, me), inv["id"])
    assert (valued["nav"], valued["tvpi"]) == ("1500.00", "1.500000")
    assert valued["irr"] is not None

    # the investment revised
    path = f"{API}/investments/{inv['id']}"
    revised = await client.patch(
        path, headers=me.headers, json={"name": "Renamed Fund", "commitment": "2000"}
    )
    assert revised.status_code == 200, revised.text
    body = await summary(client, me)
    [only] = body["investments"]
    shown = (only["investment"]["name"], only["figures"]["commitment"])
    assert shown == ("Renamed Fund", "2000.00")
    assert only["figures"]["unfunded"] == "1000.00"

    # activities imported (a dry run writes nothing and changes nothing)
    rows = "occurred_on,kind,amount,currency\n2022-06-30,gain,250,USD\n"
    imports = f"{path}/activity-imports"
    dry = await client.post(imports, headers=me.headers, files=csv_file(rows))
    assert dry.status_code == 200, dry.text
    assert figures_of(await summary(client, me), inv["id"])["gains"] == "0.00"
    done = await client.post(
        imports, headers=me.headers, params={"dry_run": "false"}, files=csv_file(rows)
    )
    assert done.status_code in (200, 201), done.text
    assert figures_of(await summary(client, me), inv["id"])["gains"] == "250.00"

    # an activity deleted
    listed = await client.get(f"{path}/activities", headers=me.headers)
    gain = next(a for a in listed.json()["items"] if a["kind"] == "gain")
    gone = await client.delete(f"{path}/activities/{gain['id']}", headers=me.headers)
    assert gone.status_code == 204
    assert figures_of(await summary(client, me), inv["id"])["gains"] == "0.00"

    # the investment deleted
    assert (await client.delete(path, headers=me.headers)).status_code == 204
    assert await summary(client, me) == {
        "currencies": [],
        "investments": [],
        "brokerage": [],
        "companies": [],
    }


async def test_the_version_moves_only_with_writes_of_the_figures(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    other = await accounts.register()
    container = accounts.container
    assert await version(container, me) == 0
    inv = await investment(client, me)
    created = await version(container, me)
    assert created > 0
    await activity(client, me, inv, "contribution", "2021-02-01", "1000")
    recorded = await version(container, me)
    assert recorded > created
    cached = await summary(client, me)

    # a document, a refused activity, someone else's investment: not the figures
    attached = await client.post(
        f"{API}/documents",
        headers=me.headers,
        data={"investment_id": inv["id"], "kind": "statement", "title": "Q1"},
        files={"file": ("statement.pdf", pdf_bytes(), "application/pdf")},
    )
    assert attached.status_code == 201, attached.text
    refused = await activity(client, me, inv, "contribution", "2020-01-01", "1")
    assert refused.status_code == 422
    await investment(client, other)
    assert await version(container, me) == recorded
    assert await summary(client, me) == cached


async def test_the_brokerage_account_is_live_under_a_cached_private_half(
    trading: Trading,
) -> None:
    buyer = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    client = trading.client
    created = await client.post(
        f"{API}/investments",
        headers=buyer.headers,
        json={
            "name": "Fund",
            "kind": "fund_commitment",
            "sponsor": "S",
            "sector": "Software",
            "geography": "US",
            "vintage": 2021,
            "currency": "USD",
            "commitment": "1000",
            "start_date": "2021-01-01",
        },
    )
    assert created.status_code == 201, created.text
    before = await summary(client, buyer)  # the private half is cached now
    assert before["brokerage"] == []

    await trade(trading, buyer, seller, "2", "150.00")
    [usd] = (await summary(client, buyer))["brokerage"]
    assert [(p["symbol"], p["quantity"]) for p in usd["positions"]] == [("SOL-USD", "2")]
    await trade(trading, buyer, seller, "1", "160.00")
    [usd] = (await summary(client, buyer))["brokerage"]
    assert [(p["quantity"], p["last_price"]) for p in usd["positions"]] == [("3", "160.00")]
    assert (await summary(client, buyer))["investments"] == before["investments"]


async def test_the_platform_companies_are_live_under_a_cached_private_half(
    transfers: Transfers,
) -> None:
    deal = await transfers.deal(shares="1000")
    before = (await summary(transfers.captable.client, deal.seller))["companies"]
    assert [(c["quantity"], c["price_source"]) for c in before] == [("1000", None)]
    transfer_id = await transfers.approved(deal, quantity="400", price="2.50")
    done = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert done.status_code == 200, done.text
    after = (await summary(transfers.captable.client, deal.seller))["companies"]
    assert [(c["quantity"], c["last_price_per_share"], c["value"]) for c in after] == [
        ("600", "2.50", "1500.00")
    ]


def sample() -> tuple[list[Investment], list[Activity]]:
    """Investments in four currencies (JPY has no minor units) with random activities of
    every kind, one without any (no multiples, no IRR), some one-signed (no IRR)."""
    rng = random.Random(20)
    owner = UserId(new_uuid())
    now = datetime(2026, 12, 1, tzinfo=UTC)
    investments, activities = [], []
    for n in range(40):
        currency = ("USD", "EUR", "INR", "JPY")[n % 4]
        inv = Investment.new(
            owner_id=owner,
            name=f'Fund {n} \u00e9 "quoted"',
            kind=rng.choice(list(InvestmentKind)),
            sponsor="Sponsor",
            sector=rng.choice(["Software", "Health", "Energy"]),
            geography=rng.choice(["US", "IN"]),
            vintage=2020,
            currency=currency,
            commitment=Decimal(rng.randint(0, 10**6)),
            start_date=date(2020, 1, 1),
            now=now,
        )
        investments.append(inv)
        for _ in range(0 if n == 0 else rng.randint(1, 12)):
            kind = rng.choice(list(ActivityKind))
            places = 0 if currency == "JPY" else 2
            amount = Decimal(rng.randint(0 if kind is ActivityKind.VALUATION else 1, 10**7))
            activities.append(
                Activity.new(
                    inv,
                    kind=kind,
                    occurred_on=date(2020, 1, 1) + timedelta(days=rng.randint(0, 2000)),
                    amount=amount.scaleb(-places),
                    currency=currency,
                    note=None,
                    now=now,
                )
            )
    return investments, activities


def test_the_joined_body_is_what_the_whole_read_schema_renders() -> None:
    investments, activities = sample()
    sums = [
        (inv, sums_of([a for a in activities if a.investment_id == inv.id])) for inv in investments
    ]
    each, currencies = portfolio_figures(sums)
    pairs = list(zip(investments, each, strict=True))
    private = JsonSummaryRenderer().private_half(currencies, pairs)
    joined = summary_body(PortfolioSummary(private=private, brokerage=[], companies=[]))
    whole = PortfolioSummaryRead(
        currencies=[currency_read(c) for c in currencies],
        investments=[
            InvestmentSummaryRead(
                investment=InvestmentRead.of(inv), figures=FiguresRead.of_performance(perf)
            )
            for inv, perf in pairs
        ],
        brokerage=list[BrokerageSectionRead](),
        companies=list[CompanyHoldingRead](),
    )
    assert joined == whole.__pydantic_serializer__.to_json(whole)
    assert PortfolioSummaryRead.model_validate_json(joined) == whole
