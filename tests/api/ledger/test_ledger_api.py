"""The ledger over HTTP as real users and operators: balances, adjustments with an
Idempotency-Key (replay, reuse, concurrent duplicates), the journal and reversals."""

from __future__ import annotations

import asyncio
from typing import Any
from uuid import UUID

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from domain.ledger.accounts import AccountKind, AccountSpec
from domain.ledger.assets import Asset
from domain.shared.ids import UserId
from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, super_admin
from tests.support.ledger import LedgerDriver
from tests.support.pages import assert_garbage_cursor_refused, walk_pages


@pytest.fixture
async def operator(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


@pytest.fixture
async def alice(accounts: Accounts) -> Account:
    return await accounts.register()


def adjustment(who: Account, amount: str = "250.00", memo: str = "Goodwill") -> dict[str, Any]:
    return {"user_code": who.user["code"], "asset": "INR", "amount": amount, "memo": memo}


def keyed(account: Account, key: str) -> dict[str, str]:
    return account.headers | {"Idempotency-Key": key}


async def balances(client: httpx.AsyncClient, who: Account) -> dict[str, dict[str, Any]]:
    response = await client.get("/api/v1/ledger/balances", headers=who.headers)
    assert response.status_code == 200, response.text
    return {b["asset"]: b for b in response.json()["items"]}


async def count(container: Container, table: str) -> int:
    async with container.engine.connect() as conn:
        return int((await conn.execute(text(f"SELECT count(*) FROM {table}"))).scalar_one())  # noqa: S608


async def test_an_adjustment_credits_the_user_against_suspense(
    client: httpx.AsyncClient, operator: Account, alice: Account
) -> None:
    assert await balances(client, alice) == {}
    response = await client.post(
        "/api/v1/ledger/adjustments", headers=operator.keyed(), json=adjustment(alice)
    )
    assert response.status_code == 201, response.text
    entry = response.json()
    assert sorted(p["amount"] for p in entry["postings"]) == ["-250.00", "250.00"]
    assert entry["metadata"] == {"kind": "manual_adjustment", "user_code": alice.user["code"]}
    inr = (await balances(client, alice))["INR"]
    assert (inr["kind"], inr["posted"], inr["held"], inr["available"]) == (
        "user_cash",
        "250.00",
        "0.00",
        "250.00",
    )


async def test_a_debit_beyond_the_balance_is_refused(
    client: httpx.AsyncClient, operator: Account, alice: Account
) -> None:
    response = await client.post(
        "/api/v1/ledger/adjustments", headers=operator.keyed(), json=adjustment(alice, "-0.01")
    )
    assert_problem(response, 422, "insufficient_funds")
    bad = await client.post(
        "/api/v1/ledger/adjustments", headers=operator.keyed(), json=adjustment(alice, "1.001")
    )
    assert_problem(bad, 422, "invalid_posting")


async def test_ordinary_users_cannot_adjust_or_read_the_journal(
    client: httpx.AsyncClient, alice: Account
) -> None:
    response = await client.post(
        "/api/v1/ledger/adjustments", headers=alice.keyed(), json=adjustment(alice)
    )
    assert_problem(response, 403, "permission_denied")
    journal = await client.get("/api/v1/ledger/journal", headers=alice.headers)
    assert_problem(journal, 403, "permission_denied")


async def test_a_retried_adjustment_is_replayed_not_repeated(
    client: httpx.AsyncClient, container: Container, operator: Account, alice: Account
) -> None:
    first = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "adj-1"), json=adjustment(alice)
    )
    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    # the same body with other whitespace and key order is the same request
    again = await client.post(
        "/api/v1/ledger/adjustments",
        headers=keyed(operator, "adj-1") | {"Content-Type": "application/json"},
        content=b'{ "memo": "Goodwill", "amount": "250.00", "asset": "INR",'
        b' "user_code": "' + alice.user["code"].encode() + b'" }',
    )
    assert again.status_code == 201, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert (await balances(client, alice))["INR"]["posted"] == "250.00"
    assert await count(container, "ledger_entries") == 1

    reused = await client.post(
        "/api/v1/ledger/adjustments",
        headers=keyed(operator, "adj-1"),
        json=adjustment(alice, "999.00"),
    )
    assert_problem(reused, 422, "idempotency_key_reused")
    assert await count(container, "ledger_entries") == 1


async def test_the_key_keeps_the_result_and_a_replay_renders_it_as_the_first_answer(
    client: httpx.AsyncClient, container: Container, operator: Account, alice: Account
) -> None:
    first = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "adj-r"), json=adjustment(alice)
    )
    assert first.status_code == 201, first.text
    async with container.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT result, response_status, response_body FROM idempotency_keys")
            )
        ).one()
    assert (row.result["$"], row.result["t"]) == ("dataclass", "domain.ledger.entries:JournalEntry")
    assert (row.response_status, row.response_body) == (None, None)  # no HTTP in the record
    again = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "adj-r"), json=adjustment(alice)
    )
    assert (again.status_code, again.headers["Idempotent-Replayed"]) == (201, "true")
    assert again.content == first.content


async def test_a_key_stored_before_results_were_kept_replays_what_was_answered(
    client: httpx.AsyncClient, container: Container, operator: Account, alice: Account
) -> None:
    """Rows written by the release before migration 0016 hold the answer, not the result."""
    first = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "adj-old"), json=adjustment(alice)
    )
    assert first.status_code == 201, first.text
    async with container.engine.begin() as conn:
        await conn.execute(
            text(
                "UPDATE idempotency_keys SET result = NULL, response_status = 201,"
                " response_body = CAST(:body AS jsonb)"
            ),
            {"body": first.text},
        )
    again = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "adj-old"), json=adjustment(alice)
    )
    assert (again.status_code, again.headers["Idempotent-Replayed"]) == (201, "true")
    assert again.json() == first.json()
    assert await count(container, "ledger_entries") == 1


async def test_keys_belong_to_their_caller(
    app: FastAPI,
    client: httpx.AsyncClient,
    accounts: Accounts,
    operator: Account,
    alice: Account,
) -> None:
    other = await accounts.register()
    await grant_role(accounts, operator, other, "super_admin")
    other_login = await accounts.login(other.email)
    other.tokens = other_login.json()["session"]["tokens"]
    await accounts.enable_two_factor(other)  # admin roles require it
    for who in (operator, other):
        response = await client.post(
            "/api/v1/ledger/adjustments", headers=keyed(who, "shared-key"), json=adjustment(alice)
        )
        assert response.status_code == 201, response.text
        assert "Idempotent-Replayed" not in response.headers
    assert (await balances(client, alice))["INR"]["posted"] == "500.00"


async def test_a_failed_request_leaves_its_key_unused(
    client: httpx.AsyncClient, container: Container, operator: Account, alice: Account
) -> None:
    refused = await client.post(
        "/api/v1/ledger/adjustments",
        headers=keyed(operator, "adj-2"),
        json=adjustment(alice, "-5.00"),
    )
    assert_problem(refused, 422, "insufficient_funds")
    assert await count(container, "idempotency_keys") == 0


async def test_an_invalid_key_is_refused_naming_the_header(
    client: httpx.AsyncClient, operator: Account, alice: Account
) -> None:
    response = await client.post(
        "/api/v1/ledger/adjustments", headers=keyed(operator, "x" * 256), json=adjustment(alice)
    )
    body = assert_problem(response, 422, "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["header.Idempotency-Key"]


async def test_twenty_concurrent_requests_with_one_key_have_one_effect(
    client: httpx.AsyncClient, container: Container, operator: Account, alice: Account
) -> None:
    responses = await asyncio.gather(
        *(
            client.post(
                "/api/v1/ledger/adjustments",
                headers=keyed(operator, "burst-1"),
                json=adjustment(alice, "10.00"),
            )
            for _ in range(20)
        )
    )
    statuses = sorted(r.status_code for r in responses)
    assert set(statuses) <= {201, 409}, [r.text for r in responses]
    fresh = [
        r for r in responses if r.status_code == 201 and "Idempotent-Replayed" not in r.headers
    ]
    assert len(fresh) == 1
    for r in responses:
        if r.status_code == 409:
            assert r.json()["code"] == "idempotency_request_in_progress"
        else:
            assert r.json() == fresh[0].json()
    assert (await balances(client, alice))["INR"]["posted"] == "10.00"
    assert await count(container, "ledger_entries") == 1


async def test_the_journal_filters_pages_and_reverses(
    client: httpx.AsyncClient, operator: Account, alice: Account, accounts: Accounts
) -> None:
    bob = await accounts.register()
    for who, amount in ((alice, "1.00"), (bob, "2.00"), (alice, "3.00")):
        response = await client.post(
            "/api/v1/ledger/adjustments", headers=operator.keyed(), json=adjustment(who, amount)
        )
        assert response.status_code == 201, response.text
    page = await client.get(
        "/api/v1/ledger/journal",
        headers=operator.headers,
        params={"user_code": alice.user["code"], "limit": 1},
    )
    assert page.status_code == 200, page.text
    first = page.json()
    assert [max(p["amount"] for p in e["postings"]) for e in first["items"]] == ["3.00"]
    rest = await client.get(
        "/api/v1/ledger/journal",
        headers=operator.headers,
        params={"user_code": alice.user["code"], "cursor": first["next_cursor"]},
    )
    (older,) = rest.json()["items"]
    assert rest.json()["next_cursor"] is None

    reversal = await client.post(
        f"/api/v1/ledger/journal/{older['id']}/reversal",
        headers=operator.keyed(),
        json={"memo": "posted twice"},
    )
    assert reversal.status_code == 201, reversal.text
    assert reversal.json()["reverses"] == older["id"]
    assert (await balances(client, alice))["INR"]["posted"] == "3.00"
    twice = await client.post(
        f"/api/v1/ledger/journal/{older['id']}/reversal",
        headers=operator.keyed(),
        json={"memo": "again"},
    )
    assert_problem(twice, 409, "entry_already_reversed")


async def test_my_balances_walk_in_pages_by_asset_and_kind(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    ledger = LedgerDriver(container.session_factory)
    owner = UserId(UUID(alice.user["id"]))
    for asset in (Asset.currency("USD"), Asset.currency("INR"), Asset.currency("EUR")):
        await ledger.user_cash(asset, owner)
    await ledger.open(AccountSpec(owner, AccountKind.USER_SECURITIES, Asset("ISIN:INE0001", 0)))
    walked = await walk_pages(client, "/api/v1/ledger/balances", headers=alice.headers, limit=1)
    assert [(b["asset"], b["kind"]) for b in walked] == [
        ("EUR", "user_cash"),
        ("INR", "user_cash"),
        ("ISIN:INE0001", "user_securities"),
        ("USD", "user_cash"),
    ]
    await assert_garbage_cursor_refused(client, "/api/v1/ledger/balances", headers=alice.headers)
