"""Currency conversion over HTTP against real PostgreSQL: the worked example of docs/banking.md
(INR → USD, then USD → INR) with its exact ledger entries and balances, rounding in the
platform's favour, the spread to the platform, expiry (a clock the test moves), reuse,
idempotent replay, concurrent conversions of one quote, insufficient funds, someone else's
quote, the KYC gate, and `meridian ledger check` after each."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from datetime import datetime
from decimal import Decimal
from typing import Any

import httpx
import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.api.banking.conftest import ROOMY, Banking
from tests.support.accounts import Account, assert_problem
from tests.support.clock import FixedClock
from tests.support.databases import truncate_all

QUOTES = "/api/v1/banking/fx/quotes"
CONVERSIONS = "/api/v1/banking/fx/conversions"
FX = {"fx_rates": "USDINR=83.2500", "fx_spread_bps": 50, "fx_quote_ttl_seconds": 30}


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.now().astimezone())


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str, clock: FixedClock
) -> AsyncIterator[Container]:
    built = build_container(
        settings.model_copy(update=ROOMY | FX), database_url, engine=engine, clock=clock
    )
    yield built
    await built.aclose()
    await truncate_all(engine)


async def quote(banking: Banking, who: Account, **body: str) -> httpx.Response:
    return await banking.client.post(QUOTES, headers=who.headers, json=body)


async def convert(
    banking: Banking, who: Account, quote_id: str, key: str | None = None
) -> httpx.Response:
    return await banking.client.post(
        CONVERSIONS, headers=who.keyed(key), json={"quote_id": quote_id}
    )


async def balances(banking: Banking, who: Account) -> dict[str, str]:
    """Available cash per currency, as GET /ledger/balances shows it."""
    response = await banking.client.get("/api/v1/ledger/balances", headers=who.headers)
    assert response.status_code == 200, response.text
    return {
        b["asset"]: b["available"] for b in response.json()["items"] if b["kind"] == "user_cash"
    }


async def postings(banking: Banking, entry_id: str) -> list[tuple[str, str, bool, Decimal]]:
    """The entry's postings: (kind, asset, the user's?, amount), shards seen as their account."""
    async with banking.container.session_factory() as session:
        rows = await session.execute(
            text(
                "SELECT a.kind, p.asset_code, a.owner_id IS NOT NULL, p.amount "
                "FROM ledger_postings p JOIN ledger_accounts a ON a.id = p.account_id "
                "WHERE p.entry_id = :entry ORDER BY p.line"
            ),
            {"entry": entry_id},
        )
        return [(k, a, bool(mine), Decimal(amount)) for k, a, mine, amount in rows]


COUNTS = {
    "banking_fx_quotes": text("SELECT count(*) FROM banking_fx_quotes"),
    "banking_fx_conversions": text("SELECT count(*) FROM banking_fx_conversions"),
}


async def count(banking: Banking, table: str) -> int:
    async with banking.container.session_factory() as session:
        return int((await session.execute(COUNTS[table])).scalar_one())


async def test_the_worked_example_both_ways_with_exact_entries_and_balances(
    banking: Banking,
) -> None:
    alice = await banking.funded("100000.00")
    given = await quote(
        banking, alice, sell_currency="INR", buy_currency="USD", sell_amount="100000"
    )
    assert given.status_code == 201, given.text
    q = given.json()
    assert {k: q[k] for k in ("pair", "sell_amount", "buy_amount", "rate", "mid_rate")} == {
        "pair": "USDINR",
        "sell_amount": "100000.00",
        "buy_amount": "1195.22",  # 100000 / 83.66625 = 1195.2291... rounded down
        "rate": "83.66625",  # the ask: 83.25 x 1.005
        "mid_rate": "83.25",
    }
    assert (q["spread_bps"], q["spread_amount"]) == (50, "497.94")  # 497.935, half-even
    lifetime = datetime.fromisoformat(q["expires_at"]) - datetime.fromisoformat(q["created_at"])
    assert lifetime.total_seconds() == 30
    assert q["converted_at"] is None

    done = await convert(banking, alice, q["id"])
    assert done.status_code == 201, done.text
    conversion = done.json()
    assert (conversion["quote_id"], conversion["sell_amount"], conversion["buy_amount"]) == (
        q["id"],
        "100000.00",
        "1195.22",
    )
    assert await postings(banking, conversion["entry_id"]) == [
        ("user_cash", "INR", True, Decimal("-100000.00")),
        ("fx_position", "INR", False, Decimal("99502.06")),
        ("fx_position", "USD", False, Decimal("-1195.22")),
        ("user_cash", "USD", True, Decimal("1195.22")),
        ("platform_fees", "INR", False, Decimal("497.94")),
    ]
    assert await balances(banking, alice) == {"INR": "0.00", "USD": "1195.22"}

    back = await quote(
        banking, alice, sell_currency="USD", buy_currency="INR", sell_amount="1000.00"
    )
    assert back.status_code == 201, back.text
    b = back.json()
    assert (b["rate"], b["buy_amount"], b["spread_amount"]) == ("82.83375", "82833.75", "5.00")
    returned = await convert(banking, alice, b["id"])
    assert returned.status_code == 201, returned.text
    assert await postings(banking, returned.json()["entry_id"]) == [
        ("user_cash", "USD", True, Decimal("-1000.00")),
        ("fx_position", "USD", False, Decimal("995.00")),
        ("fx_position", "INR", False, Decimal("-82833.75")),
        ("user_cash", "INR", True, Decimal("82833.75")),
        ("platform_fees", "USD", False, Decimal("5.00")),
    ]
    assert await balances(banking, alice) == {"INR": "82833.75", "USD": "195.22"}
    got = await banking.client.get(f"{QUOTES}/{q['id']}", headers=alice.headers)
    assert got.json()["converted_at"] is not None
    assert await banking.ledger_violation() is None


async def test_the_computed_side_is_rounded_the_platforms_way(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    # 100 / 83.66625 = 1.1952...: half-even would give 1.20 USD, the user gets 1.19
    selling = await quote(
        banking, alice, sell_currency="INR", buy_currency="USD", sell_amount="100"
    )
    assert (selling.json()["buy_amount"], selling.json()["spread_amount"]) == ("1.19", "0.93")
    # 0.05 x 83.66625 = 4.1833...: half-even would charge 4.18 INR, the user pays 4.19
    buying = await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="0.05")
    assert (buying.json()["sell_amount"], buying.json()["spread_amount"]) == ("4.19", "0.03")
    assert (await convert(banking, alice, buying.json()["id"])).status_code == 201
    assert await balances(banking, alice) == {"INR": "995.81", "USD": "0.05"}
    assert await banking.ledger_violation() is None


async def test_a_bad_request_names_every_field_at_once_and_writes_nothing(
    banking: Banking,
) -> None:
    alice = await banking.funded("1000.00")

    def fields(response: httpx.Response) -> dict[str, str]:
        assert_problem(response, 422, response.json()["code"])
        return {e["field"]: e["code"] for e in response.json()["errors"]}

    unknown = await quote(banking, alice, sell_currency="XYZ", buy_currency="EUR", sell_amount="-5")
    assert fields(unknown) == {
        "body.sell_currency": "unsupported_currency",
        "body.buy_currency": "unsupported_currency",
        "body.sell_amount": "not_positive",
    }
    same = await quote(
        banking, alice, sell_currency="INR", buy_currency="INR", sell_amount="1", buy_amount="1"
    )
    assert fields(same) == {
        "body.buy_currency": "same_currency",
        "body.buy_amount": "one_amount_only",
    }
    neither = await quote(banking, alice, sell_currency="INR", buy_currency="USD")
    assert fields(neither) == {"body.sell_amount": "amount_required"}
    precise = await quote(
        banking, alice, sell_currency="INR", buy_currency="USD", sell_amount="10.001"
    )
    assert fields(precise) == {"body.sell_amount": "too_precise"}
    tiny = await quote(banking, alice, sell_currency="INR", buy_currency="USD", sell_amount="0.50")
    assert fields(tiny) == {"body.sell_amount": "amount_too_small"}  # 0.0059... USD
    assert await count(banking, "banking_fx_quotes") == 0
    missing = await banking.client.post(CONVERSIONS, headers=alice.keyed(), json={})
    assert fields(missing) == {"body.quote_id": "missing"}
    assert await count(banking, "banking_fx_conversions") == 0


async def test_an_expired_quote_is_refused_and_nothing_moves(
    banking: Banking, clock: FixedClock
) -> None:
    alice = await banking.funded("1000.00")
    q = (
        await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="5")
    ).json()
    clock.advance(seconds=30)  # expires_at itself is too late
    body = assert_problem(await convert(banking, alice, q["id"]), 422, "fx_quote_expired")
    assert body["errors"][0]["field"] == "body.quote_id"
    assert await balances(banking, alice) == {"INR": "1000.00"}
    assert await count(banking, "banking_fx_conversions") == 0
    assert await banking.ledger_violation() is None


async def test_a_quote_converts_once_and_a_retry_with_its_key_replays(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    q = (
        await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="5")
    ).json()
    first = await convert(banking, alice, q["id"], key="fx-once")
    assert first.status_code == 201, first.text
    again = await convert(banking, alice, q["id"], key="fx-once")
    assert again.status_code == 201, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    reused = await convert(banking, alice, q["id"])  # another key: the quote is used up
    assert_problem(reused, 409, "fx_quote_already_used")
    assert await balances(banking, alice) == {"INR": "581.66", "USD": "5.00"}  # 418.34 once
    assert await count(banking, "banking_fx_conversions") == 1
    assert await banking.ledger_violation() is None


async def test_concurrent_conversions_of_one_quote_exactly_one_succeeds(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    q = (
        await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="5")
    ).json()
    answers = await asyncio.gather(*(convert(banking, alice, q["id"]) for _ in range(12)))
    codes = sorted(a.status_code for a in answers)
    assert codes == [201] + [409] * 11, [a.text for a in answers if a.status_code != 409]
    assert {a.json()["code"] for a in answers if a.status_code == 409} == {"fx_quote_already_used"}
    assert await balances(banking, alice) == {"INR": "581.66", "USD": "5.00"}
    assert await banking.ledger_violation() is None


async def test_more_than_my_available_cash_is_refused_and_the_quote_stays_open(
    banking: Banking,
) -> None:
    alice = await banking.funded("1000.00")
    assert (await banking.withdraw(alice, "600.00")).status_code == 201  # 600 held
    q = (
        await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="5")
    ).json()
    body = assert_problem(await convert(banking, alice, q["id"]), 422, "insufficient_funds")
    assert body["errors"][0]["field"] == "body.quote_id"
    assert await balances(banking, alice) == {"INR": "400.00"}
    nothing = await quote(banking, alice, sell_currency="USD", buy_currency="INR", sell_amount="1")
    assert_problem(await convert(banking, alice, nothing.json()["id"]), 422, "insufficient_funds")
    assert await count(banking, "banking_fx_conversions") == 0
    got = await banking.client.get(f"{QUOTES}/{q['id']}", headers=alice.headers)
    assert got.json()["converted_at"] is None
    assert await banking.ledger_violation() is None


async def test_someone_elses_quote_and_conversion_answer_404(banking: Banking) -> None:
    alice, bob = await banking.funded("1000.00"), await banking.funded("1000.00")
    q = (
        await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount="5")
    ).json()
    assert_problem(await convert(banking, bob, q["id"]), 404, "fx_quote_not_found")
    seen = await banking.client.get(f"{QUOTES}/{q['id']}", headers=bob.headers)
    assert_problem(seen, 404, "fx_quote_not_found")
    mine = (await convert(banking, alice, q["id"])).json()
    other = await banking.client.get(f"{CONVERSIONS}/{mine['id']}", headers=bob.headers)
    assert_problem(other, 404, "fx_conversion_not_found")
    listed = await banking.client.get(CONVERSIONS, headers=bob.headers)
    assert listed.json() == {"items": [], "next_cursor": None}
    assert await balances(banking, bob) == {"INR": "1000.00"}


async def test_converting_needs_the_kyc_level_of_a_deposit(banking: Banking) -> None:
    newcomer = await banking.user(level=1)
    q = await quote(banking, newcomer, sell_currency="INR", buy_currency="USD", buy_amount="5")
    assert q.status_code == 201, q.text  # a quote is only a price
    assert_problem(await convert(banking, newcomer, q.json()["id"]), 403, "kyc_level_required")
    assert await count(banking, "banking_fx_conversions") == 0


async def test_my_conversions_newest_first_in_pages(banking: Banking) -> None:
    alice = await banking.funded("1000.00")
    made: list[dict[str, Any]] = []
    for amount in ("1.00", "2.00", "3.00"):
        q = await quote(banking, alice, sell_currency="INR", buy_currency="USD", buy_amount=amount)
        made.append((await convert(banking, alice, q.json()["id"])).json())
    first = (await banking.client.get(f"{CONVERSIONS}?limit=2", headers=alice.headers)).json()
    assert [c["buy_amount"] for c in first["items"]] == ["3.00", "2.00"]
    rest = await banking.client.get(
        CONVERSIONS, headers=alice.headers, params={"limit": 2, "cursor": first["next_cursor"]}
    )
    assert [c["buy_amount"] for c in rest.json()["items"]] == ["1.00"]
    assert rest.json()["next_cursor"] is None
    one = await banking.client.get(f"{CONVERSIONS}/{made[0]['id']}", headers=alice.headers)
    assert one.json() == made[0]
    assert await banking.ledger_violation() is None
