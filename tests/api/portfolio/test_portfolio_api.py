"""The private portfolio over HTTP as an investor uses it: record investments and their
activities, read the figures, import activities and index levels from CSV, and never see
anyone else's investments."""

from __future__ import annotations

import random
from datetime import date, timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import httpx
import pytest

from adapters.persistence.portfolio.unit_of_work import PortfolioUnitOfWork
from domain.portfolio.activity import ActivityKind
from domain.portfolio.performance import sums_of
from tests.support.accounts import Account, Accounts, assert_problem

API = "/api/v1/portfolio"

FUND = {
    "name": "Northwind Growth Fund III",
    "kind": "fund_commitment",
    "sponsor": "Northwind Capital",
    "sector": "Software",
    "geography": "US",
    "vintage": 2021,
    "currency": "USD",
    "commitment": "1000000",
    "start_date": "2021-01-01",
}


async def investment(client: httpx.AsyncClient, who: Account, **extra: Any) -> dict[str, Any]:
    created = await client.post(f"{API}/investments", headers=who.headers, json=FUND | extra)
    assert created.status_code == 201, created.text
    body: dict[str, Any] = created.json()
    return body


async def activity(
    client: httpx.AsyncClient, who: Account, inv: dict[str, Any], kind: str, on: str, amount: str
) -> httpx.Response:
    return await client.post(
        f"{API}/investments/{inv['id']}/activities",
        headers=who.headers,
        json={"kind": kind, "occurred_on": on, "amount": amount, "currency": inv["currency"]},
    )


def csv_file(text: str) -> dict[str, Any]:
    return {"file": ("activities.csv", text.encode(), "text/csv")}


async def test_a_fund_recorded_and_its_figures(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    assert inv["commitment"] == "1000000.00"
    for kind, on, amount in [
        ("contribution", "2021-01-01", "500000"),
        ("fee", "2021-06-30", "10000"),
        ("return_of_capital", "2022-06-30", "100000"),
        ("valuation", "2022-12-31", "600000.50"),
    ]:
        assert (await activity(client, me, inv, kind, on, amount)).status_code == 201
    metrics = await client.get(f"{API}/investments/{inv['id']}/metrics", headers=me.headers)
    assert metrics.status_code == 200, metrics.text
    figures = metrics.json()["figures"]
    assert figures["paid_in"] == "510000.00"
    assert figures["nav"] == "600000.50"
    assert figures["unfunded"] == "500000.00"
    assert figures["tvpi"] == "1.372550"
    assert figures["irr_reason"] is None
    assert Decimal("0.1") < Decimal(figures["irr"]) < Decimal("0.3")

    summary = (await client.get(f"{API}/summary", headers=me.headers)).json()
    [usd] = summary["currencies"]
    [only] = summary["investments"]
    assert only["figures"] == figures  # the dashboard agrees with the per-investment endpoint
    assert usd["figures"]["irr"] == figures["irr"]
    assert usd["by_sector"] == [
        {"key": "Software", "currency": "USD", "value": "600000.50", "weight": "1.000000"}
    ]

    listed = await client.get(f"{API}/investments/{inv['id']}/activities", headers=me.headers)
    assert [a["kind"] for a in listed.json()["items"]] == [
        "contribution",
        "fee",
        "return_of_capital",
        "valuation",
    ]


async def test_flows_with_no_irr_answer_null_with_the_reason(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    await activity(client, me, inv, "contribution", "2021-02-01", "1000")
    await activity(client, me, inv, "valuation", "2021-12-31", "0")
    figures = (
        await client.get(f"{API}/investments/{inv['id']}/metrics", headers=me.headers)
    ).json()["figures"]
    assert figures["irr"] is None
    assert figures["irr_reason"] == "one_signed_flows"
    assert figures["tvpi"] == "0.000000"


async def test_currencies_are_never_summed(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    usd = await investment(client, me)
    eur = await investment(client, me, currency="EUR")
    await activity(client, me, usd, "contribution", "2021-02-01", "1000")
    await activity(client, me, eur, "contribution", "2021-02-01", "2000")
    summary = (await client.get(f"{API}/summary", headers=me.headers)).json()
    assert [(c["currency"], c["figures"]["contributed"]) for c in summary["currencies"]] == [
        ("EUR", "2000.00"),
        ("USD", "1000.00"),
    ]


async def test_bad_activities_are_refused_naming_the_field(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    early = await activity(client, me, inv, "contribution", "2020-12-31", "10")
    body = assert_problem(early, 422, "activity_before_start")
    assert body["errors"][0]["field"] == "body.occurred_on"
    other = await client.post(
        f"{API}/investments/{inv['id']}/activities",
        headers=me.headers,
        json={"kind": "gain", "occurred_on": "2021-05-01", "amount": "10", "currency": "EUR"},
    )
    assert assert_problem(other, 422, "activity_currency_mismatch")["errors"][0]["field"] == (
        "body.currency"
    )


async def test_someone_elses_investment_is_not_found(accounts: Accounts) -> None:
    client = accounts.client
    me, stranger = await accounts.register(), await accounts.register()
    inv = await investment(client, me)
    for method, path in [
        ("GET", f"/investments/{inv['id']}"),
        ("GET", f"/investments/{inv['id']}/metrics"),
        ("GET", f"/investments/{inv['id']}/activities"),
        ("DELETE", f"/investments/{inv['id']}"),
    ]:
        answer = await client.request(method, f"{API}{path}", headers=stranger.headers)
        assert_problem(answer, 404, "investment_not_found")
    refused = await activity(client, stranger, inv, "fee", "2021-05-01", "1")
    assert_problem(refused, 404, "investment_not_found")
    assert (await client.get(f"{API}/investments", headers=stranger.headers)).json()["items"] == []


CSV_BAD = """occurred_on,kind,amount,currency,note
2021-01-15,contribution,1000.00,USD,first call
2020-06-01,contribution,5,USD,
2021-02-01,bonus,5,USD,
2021-03-01,gain,1.234,USD,
2021-04-01,income,7,EUR,
"""


async def test_csv_dry_run_names_every_bad_row_and_column_and_a_commit_writes_nothing(
    accounts: Accounts,
) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    path = f"{API}/investments/{inv['id']}/activity-imports"
    dry = await client.post(path, headers=me.headers, files=csv_file(CSV_BAD))
    assert dry.status_code == 200, dry.text
    report = dry.json()
    assert report["rows"] == 5
    assert [(p["row"], p["column"], p["code"]) for p in report["problems"]] == [
        (3, "occurred_on", "activity_before_start"),
        (4, "kind", "invalid"),
        (5, "amount", "invalid_activity"),
        (6, "currency", "activity_currency_mismatch"),
    ]
    commit = await client.post(
        path, headers=me.headers, params={"dry_run": "false"}, files=csv_file(CSV_BAD)
    )
    body = assert_problem(commit, 422, "activity_import_refused")
    assert [e["field"] for e in body["errors"]] == [
        "rows.3.occurred_on",
        "rows.4.kind",
        "rows.5.amount",
        "rows.6.currency",
    ]
    listed = await client.get(f"{API}/investments/{inv['id']}/activities", headers=me.headers)
    assert listed.json()["items"] == []

    good = "\n".join(CSV_BAD.splitlines()[:2]) + "\n2022-01-01,valuation,1500,USD,Q4\n"
    done = await client.post(
        path, headers=me.headers, params={"dry_run": "false"}, files=csv_file(good)
    )
    assert done.status_code == 200, done.text
    assert done.json()["imported"] == 2


async def test_index_series_import_and_pme(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    levels = "on,level\n2021-01-01,100\n2021-07-01,105\n2022-01-01,110\n"
    stored = await client.post(
        f"{API}/indices/World/levels/imports", headers=me.headers, files=csv_file(levels)
    )
    assert stored.status_code == 201, stored.text
    assert stored.json() == {"name": "World", "levels": 3}
    page = await client.get(f"{API}/indices/World/levels", headers=me.headers)
    assert [lv["level"] for lv in page.json()["items"]] == ["100", "105", "110"]

    inv = await investment(client, me)
    await activity(client, me, inv, "contribution", "2021-01-01", "1000")
    await activity(client, me, inv, "valuation", "2022-01-01", "1320")
    metrics = await client.get(
        f"{API}/investments/{inv['id']}/metrics", headers=me.headers, params={"index": "World"}
    )
    pme = metrics.json()["pme"]
    assert pme["ks_pme"] == "1.200000"
    assert Decimal(pme["direct_alpha"]) == pytest.approx(Decimal("0.2"), abs=Decimal("1e-9"))

    missing = await client.get(
        f"{API}/investments/{inv['id']}/metrics", headers=me.headers, params={"index": "Nope"}
    )
    assert_problem(missing, 404, "index_series_not_found")
    bad = await client.post(
        f"{API}/indices/World/levels/imports",
        headers=me.headers,
        files=csv_file("on,level\n2021-01-01,-4\nyesterday,5\n"),
    )
    fields = [e["field"] for e in assert_problem(bad, 422, "index_import_refused")["errors"]]
    assert fields == ["rows.2.level", "rows.3.on"]


async def test_the_database_sums_as_the_domain_defines(accounts: Accounts) -> None:
    """Random activities of every kind, several on one date, some after the latest valuation:
    the database's sums (what the figures are computed from) equal ``sums_of``."""
    client, me = accounts.client, await accounts.register()
    rng = random.Random(7)
    keys = []
    for _ in range(3):
        inv = await investment(client, me)
        keys.append(UUID(inv["id"]))
        for _ in range(25):
            kind = rng.choice(list(ActivityKind))
            on = date(2021, 1, 1) + timedelta(days=rng.randint(0, 60))
            amount = f"{rng.randint(1, 10**7) / 100:.2f}"
            answer = await activity(client, me, inv, kind.value, on.isoformat(), amount)
            assert answer.status_code == 201, answer.text
    async with PortfolioUnitOfWork(accounts.container.session_factory) as uow:
        computed = await uow.activities.sums(keys)
        loaded = await uow.activities.of_investments(keys)
    for key in keys:
        assert computed[key] == sums_of(loaded[key])

    # the stored sums follow deletions too, down to none at all
    first = str(keys[0])
    for activity_id in [a.id for a in loaded[keys[0]]][::2]:
        gone = await client.delete(
            f"{API}/investments/{first}/activities/{activity_id}", headers=me.headers
        )
        assert gone.status_code == 204, gone.text
    async with PortfolioUnitOfWork(accounts.container.session_factory) as uow:
        left = (await uow.activities.of_investments([keys[0]]))[keys[0]]
        assert (await uow.activities.sums([keys[0]]))[keys[0]] == sums_of(left)
    for remaining in left:
        gone = await client.delete(
            f"{API}/investments/{first}/activities/{remaining.id}", headers=me.headers
        )
        assert gone.status_code == 204, gone.text
    async with PortfolioUnitOfWork(accounts.container.session_factory) as uow:
        assert await uow.activities.sums([keys[0]]) == {}
    figures = (await client.get(f"{API}/investments/{first}/metrics", headers=me.headers)).json()
    assert figures["figures"]["irr_reason"] == "too_few_flows"


async def test_activities_page_by_date_with_cursors(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    for on in ("2021-05-01", "2021-03-01", "2021-04-01", "2021-03-01", "2021-02-01"):
        assert (await activity(client, me, inv, "fee", on, "1")).status_code == 201
    seen: list[str] = []
    cursor = None
    while True:
        params = {"limit": 2} | ({"cursor": cursor} if cursor else {})
        page = await client.get(
            f"{API}/investments/{inv['id']}/activities", headers=me.headers, params=params
        )
        assert page.status_code == 200, page.text
        seen += [a["occurred_on"] for a in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == ["2021-02-01", "2021-03-01", "2021-03-01", "2021-04-01", "2021-05-01"]


async def test_an_empty_portfolio_and_an_investment_without_activities(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    empty = await client.get(f"{API}/summary", headers=me.headers)
    assert empty.json() == {"currencies": [], "investments": [], "brokerage": [], "companies": []}
    inv = await investment(client, me, commitment="250.50")
    figures = (
        await client.get(f"{API}/investments/{inv['id']}/metrics", headers=me.headers)
    ).json()["figures"]
    assert (figures["irr"], figures["irr_reason"], figures["tvpi"]) == (None, "too_few_flows", None)
    assert (figures["unfunded"], figures["nav"], figures["as_of"]) == ("250.50", "0.00", None)
    [usd] = (await client.get(f"{API}/summary", headers=me.headers)).json()["currencies"]
    assert usd["concentration"] is None


async def test_corrections_update_and_delete(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    inv = await investment(client, me)
    path = f"{API}/investments/{inv['id']}"
    changed = await client.patch(path, headers=me.headers, json={"commitment": "1250000.5"})
    assert changed.status_code == 200, changed.text
    assert changed.json()["commitment"] == "1250000.50"
    assert changed.json()["kind"] == "fund_commitment"
    too_fine = await client.patch(path, headers=me.headers, json={"commitment": "1.001"})
    assert assert_problem(too_fine, 422, "validation_failed")["errors"][0]["field"] == (
        "body.commitment"
    )
    recorded = (await activity(client, me, inv, "fee", "2021-03-01", "10")).json()
    gone = await client.delete(f"{path}/activities/{recorded['id']}", headers=me.headers)
    assert gone.status_code == 204
    again = await client.delete(f"{path}/activities/{recorded['id']}", headers=me.headers)
    assert_problem(again, 404, "activity_not_found")
    assert (await client.delete(path, headers=me.headers)).status_code == 204
    assert_problem(await client.get(path, headers=me.headers), 404, "investment_not_found")


async def test_the_allocation_chart_is_an_svg_of_one_currency(accounts: Accounts) -> None:
    client, me = accounts.client, await accounts.register()
    tech = await investment(client, me)
    health = await investment(client, me, sector="Health <Care> & Bio")
    await activity(client, me, tech, "valuation", "2021-06-30", "750")
    await activity(client, me, health, "valuation", "2021-06-30", "250")
    chart = await client.get(
        f"{API}/charts/allocation.svg", headers=me.headers, params={"currency": "USD"}
    )
    assert chart.status_code == 200, chart.text
    assert chart.headers["content-type"].startswith("image/svg+xml")
    svg = chart.text
    assert svg.startswith("<svg")
    assert svg.endswith("</svg>")
    assert "Software" in svg
    assert "75.0 %" in svg
    assert "25.0 %" in svg
    assert "Health &lt;Care&gt; &amp; Bio" in svg  # labels are escaped
    assert "<script" not in svg
    missing = await client.get(
        f"{API}/charts/allocation.svg", headers=me.headers, params={"currency": "JPY"}
    )
    assert_problem(missing, 404, "currency_not_held")
