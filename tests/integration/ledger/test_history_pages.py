"""A user's history is one index range: the stored running balance of each posting equals the
sum of the account's postings up to it (also under concurrent writers), and the page query is
served by the owner index in key order, with no scan or sort of the postings."""

from __future__ import annotations

import asyncio
import itertools
import json
from decimal import Decimal
from typing import Any

from sqlalchemy import text
from sqlalchemy.dialects import postgresql
from sqlalchemy.ext.asyncio import AsyncEngine

from adapters.persistence.ledger.history import SqlHistory, page_query
from domain.ledger.history import Direction, HistoryFilter
from domain.shared.ids import UserId
from domain.shared.pagination import PageRequest
from tests.support.ledger import LedgerDriver


def _nodes(plan: dict[str, Any]) -> list[dict[str, Any]]:
    return [plan, *(n for child in plan.get("Plans", []) for n in _nodes(child))]


async def test_running_balances_follow_the_postings_under_concurrent_writers(
    driver: LedgerDriver, world: Any
) -> None:
    alice = await driver.user_cash()
    bob = await driver.user_cash()
    await driver.deposit(alice, "1000.00")
    await asyncio.gather(
        *(driver.transfer(alice, bob, "7.00") for _ in range(20)),
        *(driver.deposit(alice, "3.00") for _ in range(10)),
    )
    async with world.session_factory() as session:
        page = await SqlHistory(session).page(
            UserId(alice.owner), HistoryFilter(), PageRequest(limit=50)
        )
    newest_first = page.items
    assert len(newest_first) == 31
    assert newest_first[0].balance_after == Decimal("890.00")  # 1000 - 20*7 + 10*3
    for newer, older in itertools.pairwise(newest_first):
        assert newer.balance_after == older.balance_after + newer.amount


async def test_a_history_page_is_one_index_range(driver: LedgerDriver, engine: AsyncEngine) -> None:
    alice = await driver.user_cash()
    for _ in range(10):
        await driver.deposit(alice, "1.00")
    queries = [
        page_query(UserId(alice.owner), HistoryFilter(), PageRequest(limit=5)),
        page_query(
            UserId(alice.owner), HistoryFilter(direction=Direction.CREDIT), PageRequest(limit=5)
        ),
    ]
    async with engine.connect() as conn:
        # Forbid the alternatives so the plan shows whether the index can serve the order.
        await conn.execute(text("SET LOCAL enable_seqscan = off"))
        await conn.execute(text("SET LOCAL enable_bitmapscan = off"))
        for query in queries:
            sql = str(
                query.compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True})
            )
            raw = await conn.scalar(text(f"EXPLAIN (FORMAT JSON) {sql}"))
            plan = (raw if isinstance(raw, list) else json.loads(raw))[0]["Plan"]
            kinds = [
                (n["Node Type"], n.get("Index Name"), n.get("Relation Name")) for n in _nodes(plan)
            ]
            assert ("Index Scan", "ix_ledger_postings_owner_history", "ledger_postings") in [
                (k, i, r) for k, i, r in kinds
            ] or ("Index Scan Backward", "ix_ledger_postings_owner_history") in [
                (k, i) for k, i, _ in kinds
            ], kinds
            assert not any(k in ("Sort", "Incremental Sort") for k, _, _ in kinds), kinds
            assert not any(k == "Seq Scan" and r == "ledger_postings" for k, _, r in kinds), kinds
