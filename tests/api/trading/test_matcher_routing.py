"""Two API processes (two containers on one database and one Redis): the one that owns an
instrument's partition matches; the other forwards its requests there through Redis and gets
the owner's answers, refusals included; when the owner goes, the other takes the partition
over and rebuilds the book from the database."""

from __future__ import annotations

import asyncio
import os
import uuid
from collections.abc import AsyncIterator
from dataclasses import replace
from decimal import Decimal
from uuid import UUID

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from domain.shared.actor import Actor
from domain.trading.errors import DuplicateClientOrderId
from infrastructure.app import create_app
from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from infrastructure.wiring.trading import matcher_of, unit_of_work
from tests.api.trading.conftest import API, Trading
from tests.conftest import DEFAULT_REDIS_URL
from tests.support.accounts import Accounts, assert_problem
from tests.support.databases import truncate_all
from usecases.trading.matcher import matcher as matcher_module
from usecases.trading.matcher.requests import Place

SOL = {"symbol": "SOL-USD", "quantity": "1", "price": "150.00"}


@pytest.fixture
async def pair(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[tuple[Container, Container]]:
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    shared = settings.model_copy(
        update={"redis_url": url, "redis_namespace": f"meridian-test-{uuid.uuid4().hex[:12]}"}
    )
    first = build_container(shared, database_url, engine=engine)
    second = build_container(shared, database_url, engine=engine)
    yield first, second
    for built in (second, first):
        await built.aclose()
    await truncate_all(engine)


async def test_a_process_that_does_not_own_the_book_forwards_to_the_one_that_does(
    pair: tuple[Container, Container], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(matcher_module, "RETRY_OWNERSHIP_SECONDS", 0.0)
    owner_app, other_app = (create_app(c.settings, container=c) for c in pair)
    async with (
        httpx.AsyncClient(transport=httpx.ASGITransport(app=owner_app), base_url="http://a") as a,
        httpx.AsyncClient(transport=httpx.ASGITransport(app=other_app), base_url="http://b") as b,
    ):
        on_a = Trading(owner_app, a, pair[0], Accounts(a, pair[0]))
        on_b = Trading(other_app, b, pair[1], Accounts(b, pair[1]))
        await on_a.seed()
        buyer = await on_a.investor(usd="1000.00")
        seller = await on_a.investor()
        await on_a.give(seller, "SOL-USD", "5", places=2)

        resting = await on_a.placed(seller, side="sell", **SOL)  # a owns the partition now
        assert matcher_of(pair[0]).batches >= 1
        bought = await on_b.placed(buyer, side="buy", **SOL)  # b forwards it to a
        assert (bought["status"], bought["filled_quantity"]) == ("filled", "1")
        assert matcher_of(pair[1]).batches == 0  # b matched nothing itself
        refused = await on_b.place(buyer, side="buy", **{**SOL, "quantity": "6"})
        assert_problem(refused, 422, "insufficient_funds")  # the owner's refusal, as it was
        second = await on_b.placed(seller, side="sell", **{**SOL, "price": "151.00"})
        assert await on_b.book(buyer, "SOL-USD", "sell") == [("151.00", "1", 1)]
        assert (await on_a.get(f"/orders/{resting['id']}", seller)).json()["status"] == "filled"

        await matcher_of(pair[0]).aclose()  # the owner goes away: b takes the partition over
        cancelled = await b.post(f"{API}/orders/{second['id']}/cancel", headers=seller.headers)
        assert cancelled.status_code == 200, cancelled.text
        assert matcher_of(pair[1]).batches == 1
        assert await on_b.book(buyer, "SOL-USD", "sell") == []
        assert await on_b.balance(buyer, "USD") == (Decimal("849.85"), Decimal(0))
        await on_b.check_ledger()


@pytest.fixture
async def dedicated_pair(
    settings: Settings, engine: AsyncEngine, database_url: str
) -> AsyncIterator[tuple[Container, Container]]:
    """An API container that only forwards (``TRADING_MATCHERS=dedicated``) and a matcher's
    (as ``meridian matcher`` builds it), on one database and one Redis namespace."""
    url = os.environ.get("REDIS_URL", DEFAULT_REDIS_URL)
    namespace = f"meridian-test-{uuid.uuid4().hex[:12]}"
    api = settings.model_copy(
        update={"redis_url": url, "redis_namespace": namespace, "trading_matchers": "dedicated"}
    )
    matcher = api.model_copy(update={"trading_matchers": "in_process"})
    first = build_container(api, database_url, engine=engine)
    second = build_container(matcher, database_url, engine=engine)
    yield first, second
    for built in (second, first):
        await built.aclose()
    await truncate_all(engine)


async def test_a_forwarding_api_refuses_at_once_without_a_matcher_then_forwards_to_one(
    dedicated_pair: tuple[Container, Container],
) -> None:
    api, matcher = dedicated_pair
    app = create_app(api.settings, container=api)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a") as a:
        on_api = Trading(app, a, api, Accounts(a, api))
        await on_api.seed()
        buyer = await on_api.investor(usd="1000.00")
        seller = await on_api.investor()
        await on_api.give(seller, "SOL-USD", "5", places=2)

        refused = await on_api.place(seller, side="sell", **SOL)  # no matcher owns it
        assert_problem(refused, 503, "matcher_unavailable")
        assert await on_api.count("trading_orders") == 0  # nothing placed, nothing queued
        assert api.redis is not None
        queued = await api.redis.keys(f"{api.settings.redis_namespace}:trading:requests:*")
        assert queued == []
        assert await on_api.balance(seller, "SOL-USD") == (Decimal(5), Decimal(0))

        matcher_of(matcher).hold(range(api.settings.trading_partitions))  # meridian matcher
        await on_api.placed(seller, side="sell", **SOL)
        bought = await on_api.placed(buyer, side="buy", **SOL)
        assert (bought["status"], bought["filled_quantity"]) == ("filled", "1")
        assert matcher_of(api).batches == 0  # the API matched nothing itself
        assert matcher_of(matcher).batches >= 2
        assert await on_api.book(buyer, "SOL-USD", "sell") == []
        await on_api.check_ledger()


async def _queued(container: Container, lists: list[str]) -> str:
    """The first of ``lists`` that holds a request, once one does."""
    assert container.redis is not None
    for _ in range(200):
        for key in lists:
            if await container.redis.llen(key):
                return key
        await asyncio.sleep(0.05)
    raise AssertionError("nothing was queued")


async def test_a_new_owner_answers_what_a_dead_one_had_taken_and_what_was_queued(
    dedicated_pair: tuple[Container, Container],
) -> None:
    api, matcher = dedicated_pair
    assert api.redis is not None
    namespace, partitions = api.settings.redis_namespace, api.settings.trading_partitions
    app = create_app(api.settings, container=api)
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://a") as a:
        on_api = Trading(app, a, api, Accounts(a, api))
        await on_api.seed()
        buyer = await on_api.investor(usd="1000.00")
        seller = await on_api.investor()
        await on_api.give(seller, "SOL-USD", "5", places=2)
        for p in range(partitions):  # an owner that is about to die (its key still alive)
            await api.redis.set(f"{namespace}:trading:owner:{p}", "dead", px=30_000)

        sold = asyncio.ensure_future(on_api.place(seller, side="sell", **SOL))
        requests = [f"{namespace}:trading:requests:{p}" for p in range(partitions)]
        taken = await _queued(api, requests)
        inflight = taken.replace(":requests:", ":inflight:")
        assert await api.redis.lmove(taken, inflight)  # the dead owner took it, then died
        bought = asyncio.ensure_future(on_api.place(buyer, side="buy", **SOL))
        assert await _queued(api, [taken]) == taken  # queued for the partition meanwhile

        matcher_of(matcher).hold(range(partitions))  # the standby takes over
        sold_answer, bought_answer = await sold, await bought
        assert sold_answer.status_code == 201, sold_answer.text
        assert bought_answer.status_code == 201, bought_answer.text
        assert bought_answer.json()["status"] == "filled"  # in order: the taken one first
        assert await api.redis.llen(inflight) == 0
        assert await api.redis.llen(taken) == 0
        await on_api.check_ledger()


async def test_a_redelivered_order_the_dead_owner_had_committed_is_answered_as_it_is(
    trading: Trading,
) -> None:
    seller = await trading.investor()
    await trading.give(seller, "SOL-USD", "5", places=2)
    body = {**SOL, "side": "sell", "client_order_id": "redelivered-1"}
    placed = await trading.placed(seller, key=None, **body)
    async with unit_of_work(trading.container) as uow:
        committed = await uow.orders.get(UUID(placed["id"]))
    assert committed is not None
    fresh = replace(committed, sequence=0, priority=0, resting=False, hold_id=None)
    again = Place(
        actor=Actor(kind="user", user_id=committed.user_id),
        order=fresh,
        lots=100,
        ticks=15000,
        idempotency=None,
    )
    matcher = matcher_of(trading.container)
    with pytest.raises(DuplicateClientOrderId):  # what a plain second delivery would say
        await matcher.submit(committed.instrument_id, again)
    answer = await matcher.submit(committed.instrument_id, replace(again, redelivered=True))
    assert answer.replayed
    assert answer.value.id == committed.id
    assert await trading.count("trading_orders") == 1
    assert await trading.balance(seller, "SOL-USD") == (Decimal(5), Decimal(1))  # held once
