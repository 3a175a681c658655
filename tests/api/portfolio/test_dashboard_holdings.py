"""The dashboard beyond private investments: the brokerage account (positions at their last
price, P&L, time-weighted return and risk figures over the daily value series, per currency)
and the shares held in companies on the platform, each user seeing only their own."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from typing import Any

from sqlalchemy import text

from domain.portfolio.risk import risk_metrics
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers
from tests.api.trading.conftest import Trading, user_id
from tests.support.accounts import Account

API = "/api/v1/portfolio"
D = Decimal


async def summary(client: Any, who: Account) -> dict[str, Any]:
    response = await client.get(f"{API}/summary", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def trade(t: Trading, buyer: Account, seller: Account, quantity: str, price: str) -> None:
    await t.placed(buyer, symbol="SOL-USD", side="buy", quantity=quantity, price=price)
    sold = await t.placed(seller, symbol="SOL-USD", side="sell", quantity=quantity, price=price)
    assert sold["status"] == "filled", sold


async def backdate_fills(t: Trading, who: Account, days: int) -> None:
    """The fills so far as if they were traded ``days`` earlier (a multi-day history)."""
    async with t.container.engine.begin() as connection:
        await connection.execute(
            text(
                "UPDATE trading_fills SET created_at = created_at - make_interval(days => :d) "
                "WHERE trade_id IN (SELECT trade_id FROM trading_fills WHERE user_id = :u)"
            ),
            {"d": days, "u": user_id(who)},
        )


def ratio(value: float | None) -> str | None:
    return None if value is None else f"{Decimal(repr(value)).quantize(D('1e-12')):f}"


async def test_brokerage_positions_and_figures_over_two_days(trading: Trading) -> None:
    buyer = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    # two days ago: 2 at 150.00, each side's fee 0.30
    await trade(trading, buyer, seller, "2", "150.00")
    await backdate_fills(trading, buyer, 2)
    # today: 1 more at 160.00 (fee 0.16), which is now the last price
    await trade(trading, buyer, seller, "1", "160.00")

    [usd] = (await summary(trading.client, buyer))["brokerage"]
    [position] = usd["positions"]
    assert (position["symbol"], position["quantity"], position["last_price"]) == (
        "SOL-USD",
        "3",
        "160.00",
    )
    assert (position["cost_basis"], position["market_value"], position["unrealized_pnl"]) == (
        "460.46",
        "480.00",
        "19.54",
    )
    assert (usd["currency"], usd["market_value"], usd["unrealized_pnl"]) == (
        "USD",
        "480.00",
        "19.54",
    )
    # day 1: 300.30 put in, worth 300.00; day 2: 160.16 put in at the end, worth 480.00
    r1 = D("300.00") / D("300.30") - 1
    r2 = (D("480.00") - D("160.16")) / D("300.00") - 1
    figures = usd["figures"]
    assert figures["observations"] == 2
    assert figures["reason"] is None
    today = datetime.now(UTC).date()
    assert (figures["start"], figures["end"]) == (
        (today - timedelta(days=2)).isoformat(),
        today.isoformat(),
    )
    assert figures["time_weighted_return"] == f"{((1 + r1) * (1 + r2) - 1).quantize(D('1e-12')):f}"
    expected = risk_metrics([float(r1), float(r2)])
    assert figures["annual_volatility"] == ratio(expected.annual_volatility)
    assert figures["sharpe"] == ratio(expected.sharpe)
    assert figures["max_drawdown"] == ratio(expected.max_drawdown)
    assert figures["value_at_risk_95"] == ratio(expected.value_at_risk_95)

    # the seller sold shares that came from outside: no position, and no return to measure
    [theirs] = (await summary(trading.client, seller))["brokerage"]
    assert theirs["positions"] == []
    assert theirs["figures"]["time_weighted_return"] is None
    assert theirs["figures"]["reason"] == "too_few_returns"


async def test_one_day_of_trading_gives_a_return_but_no_risk_figures(trading: Trading) -> None:
    buyer = await trading.investor(usd="1000.00")
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    await trade(trading, buyer, seller, "2", "150.00")
    [usd] = (await summary(trading.client, buyer))["brokerage"]
    figures = usd["figures"]
    assert figures["observations"] == 1
    assert (
        figures["time_weighted_return"] == f"{(D('300') / D('300.30') - 1).quantize(D('1e-12')):f}"
    )
    assert (figures["annual_volatility"], figures["sharpe"], figures["reason"]) == (
        None,
        None,
        "too_few_returns",
    )
    nobody = await trading.investor()
    assert (await summary(trading.client, nobody))["brokerage"] == []


async def test_shares_in_platform_companies_with_their_last_price(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="1000")
    admin = deal.issuer.admin
    transfer_id = await transfers.approved(deal, quantity="400", price="2.50")
    done = await transfers.step(deal, transfer_id, "complete", admin)
    assert done.status_code == 200, done.text
    # a second class with an issue price, and a third without any price
    await captable.share_class(deal.issuer, "PA", price_per_share="1.25")
    await captable.share_class(deal.issuer, "PB")
    deal.issuer.stakeholders["Sam Seller"] = deal.seller_id
    today = datetime.now(UTC).date().isoformat()
    await captable.issue(deal.issuer, "Sam Seller", "10", prefix="PA", date=today)
    await captable.issue(deal.issuer, "Sam Seller", "7", prefix="PB", date=today)

    companies = (await summary(captable.client, deal.seller))["companies"]
    shown = [
        (
            c["issuer_name"],
            c["share_class_name"],
            c["quantity"],
            c["last_price_per_share"],
            c["price_source"],
            c["value"],
        )
        for c in companies
    ]
    assert shown == [
        ("Acme Robotics, Inc.", "CS Stock", "600", "2.50", "transfer", "1500.00"),
        ("Acme Robotics, Inc.", "PA Stock", "10", "1.25", "class_price", "12.50"),
        ("Acme Robotics, Inc.", "PB Stock", "7", None, None, None),
    ]
    assert companies[0]["priced_on"] is not None
    # the buyer's stakeholder is not linked to anyone; another user sees nothing
    stranger = await captable.accounts.register()
    assert (await summary(captable.client, stranger))["companies"] == []
