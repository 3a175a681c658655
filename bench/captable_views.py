"""Cap table views on a large issuer: the summary and the shareholder list, now and as of a
past date, for 10,000 stakeholders and 100,000 events; p50/p99 cold (cache key deleted before
every call) and cached.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres REDIS_URL=redis://127.0.0.1:6379/5 \\
        .venv/bin/python bench/captable_views.py --stakeholders 10000 --events 100000

``--database NAME`` names the scratch database (``meridian_bench_captable`` by default);
``--keep`` leaves it seeded and ``--reuse`` measures it again without seeding, so two versions
of the code can be measured in turns on the same data.

The issuer is the views' tests' (``tests/support/captable_histories.py``: Common and a Series A
converting at 2); the history is built with the domain (issuances, partial transfers,
cancellations and repurchases, one 2:1 split) and written in bulk straight into the tables the
writes keep: the events, the consumptions, the projection the replay gives and the holdings
checkpoints an import takes, so seeding takes a minute, not
an hour of requests; `meridian captable rebuild` would find it equal. The tables are analyzed
after seeding, as autovacuum would on a live database. Then the use cases are called as the
routes call them (handlers from the app's registry, a platform admin's actor), without HTTP.
Runs on a scratch database it drops at the end (unless ``--keep``); the cache is Redis when
REDIS_URL is set, else in memory.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import insert, text, update  # noqa: E402

from adapters.persistence.captable.checkpoints import checkpoint_history  # noqa: E402
from adapters.persistence.captable.event_codec import event_values  # noqa: E402
from adapters.persistence.captable.models import (  # noqa: E402
    ConsumptionRow,
    EventRow,
    HoldingRow,
    IssuerRow,
    SecurityRow,
    ShareClassRow,
    StakeholderRow,
)
from adapters.persistence.captable.repositories import SqlIssuers, SqlShareClasses  # noqa: E402
from adapters.persistence.mapping import row_values  # noqa: E402
from domain.captable.cap_table import Recording  # noqa: E402
from domain.captable.issuer import Issuer  # noqa: E402
from domain.shared.actor import Actor  # noqa: E402
from domain.shared.pagination import PageRequest  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.database.url import with_database  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.captable_histories import empty_table, new_issuer  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.captable.ownership.get_cap_table_summary import (  # noqa: E402
    GetCapTableSummary,
    GetCapTableSummaryHandler,
)
from usecases.captable.ownership.list_holders import ListHolders, ListHoldersHandler  # noqa: E402
from usecases.captable.view_cache import holders_key, totals_key  # noqa: E402

NAME = "meridian_bench_captable"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
START = date(2020, 1, 1)
ANALYZED = (
    "captable_issuers",
    "captable_share_classes",
    "captable_stakeholders",
    "captable_events",
    "captable_securities",
    "captable_consumptions",
    "captable_holdings",
    "captable_checkpoints",
    "captable_checkpoint_holdings",
)


def build(stakeholders: int, events: int, seed: int = 7) -> tuple[Any, ...]:
    """The issuer, its classes and stakeholders, and a history of ``events`` events."""
    rng = random.Random(seed)
    issuer, (common, preferred), holders = new_issuer(
        name="Bench Holdings, Inc.",
        stakeholders=stakeholders,
        conversion_ratio="2",
        formed=START,
        now=NOW,
        common_authorized="100000000000",
        preferred_authorized="10000000000",
    )
    table = empty_table(issuer, [common, preferred], holders)
    at = Recording(NOW, None)
    outstanding: list[Any] = []
    history = []
    split_at = events // 2
    for n in range(events):
        day = START + timedelta(days=n * 2000 // events)
        roll = rng.random()
        if n == split_at:
            change = table.split(
                stock_class_id=common.id,
                split_ratio_numerator="2",
                split_ratio_denominator="1",
                date=day,
                recording=at,
            )
            outstanding = [s for s in outstanding if s.stock_class_id != common.id]
        elif n < stakeholders or roll < 0.55 or not outstanding:
            holder = holders[n % stakeholders] if n < stakeholders else rng.choice(holders)
            klass = preferred if rng.random() < 0.2 else common
            change = table.issue(
                stakeholder_id=holder.id,
                stock_class_id=klass.id,
                quantity=str(rng.randint(1, 50) * 100),
                date=day,
                recording=at,
            )
        else:
            i = rng.randrange(len(outstanding))
            security = table.security(outstanding[i].id)
            outstanding[i] = outstanding[-1]
            outstanding.pop()
            assert security is not None
            assert security.outstanding
            part = str(max(1, int(security.quantity) // rng.choice((1, 2, 4))))
            if roll < 0.85:
                buyer = rng.choice(holders)
                while buyer.id == security.stakeholder_id:
                    buyer = rng.choice(holders)
                change = table.transfer(
                    security_id=security.id,
                    quantity=part,
                    to_stakeholder_id=buyer.id,
                    date=day,
                    recording=at,
                )
            elif roll < 0.95:
                change = table.cancel(
                    security_id=security.id,
                    quantity=part,
                    date=day,
                    reason_text="bench",
                    recording=at,
                )
            else:
                change = table.repurchase(
                    security_id=security.id, quantity=part, price="1.00", date=day, recording=at
                )
        outstanding.extend(s for s in change.created)
        history.append(change.event)
    return issuer, [common, preferred], holders, table, history


async def seed(url: str, stakeholders: int, events: int) -> Issuer:
    started = time.perf_counter()
    issuer, classes, holders, table, history = build(stakeholders, events)
    print(f"built {len(history)} events in {time.perf_counter() - started:.1f}s")
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings, url)
    chunk = 2000
    async with container.session_factory() as session:
        await SqlIssuers(session).add(issuer)
        for klass in classes:
            await SqlShareClasses(session).add(klass)
        rows = [row_values(h, StakeholderRow, address=None) for h in holders]
        for i in range(0, len(rows), chunk):
            await session.execute(insert(StakeholderRow), rows[i : i + chunk])
        events_rows = [event_values(e) for e in history]
        for i in range(0, len(events_rows), chunk):
            await session.execute(insert(EventRow), events_rows[i : i + chunk])
        securities = [row_values(s, SecurityRow) for s in table.securities]
        # sources before the securities made from them: the foreign key
        securities.sort(key=lambda r: r["created_by_event_id"].int)
        by_event = {e.id: e.sequence for e in history}
        securities.sort(key=lambda r: by_event[r["created_by_event_id"]])
        for i in range(0, len(securities), chunk):
            await session.execute(insert(SecurityRow), securities[i : i + chunk])
        consumed = [
            {"security_id": s.id, "event_id": s.consumed_by_event_id, "issuer_id": issuer.id}
            for s in table.securities
            if s.consumed_by_event_id is not None
        ]
        for i in range(0, len(consumed), chunk):
            await session.execute(insert(ConsumptionRow), consumed[i : i + chunk])
        holdings = [
            {
                "issuer_id": issuer.id,
                "stakeholder_id": h.stakeholder_id,
                "stock_class_id": h.stock_class_id,
                "quantity": h.quantity,
                "certificates": h.certificates,
            }
            for h in table.holdings()
        ]
        for i in range(0, len(holdings), chunk):
            await session.execute(insert(HoldingRow), holdings[i : i + chunk])
        for position in table.classes:
            await session.execute(
                update(ShareClassRow)
                .where(ShareClassRow.id == position.share_class.id)
                .values(
                    outstanding=position.outstanding,
                    certificates_issued=position.certificates_issued,
                )
            )
        await session.execute(
            update(IssuerRow)
            .where(IssuerRow.id == issuer.id)
            .values(event_sequence=table.sequence, latest_event_date=table.latest_date)
        )
        # the checkpoints an import gets (the writer keeps them as events come one by one)
        checkpoints = await checkpoint_history(session, issuer.id)
        await session.commit()
        # the planner's statistics, as autovacuum would gather them on a live database
        for name in ANALYZED:
            await session.execute(text(f"ANALYZE {name}"))
        await session.commit()
    await container.aclose()
    issuer.event_sequence, issuer.latest_event_date = table.sequence, table.latest_date
    print(
        f"seeded {len(history)} events, {len(securities)} securities, "
        f"{len(holdings)} holdings, {len(checkpoints)} checkpoints "
        f"in {time.perf_counter() - started:.1f}s"
    )
    return issuer


async def seeded(url: str) -> Issuer:
    """The issuer a ``--keep`` run seeded (the only one in its database)."""
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings, url)
    async with container.session_factory() as session:
        found = await SqlIssuers(session).page(None, PageRequest(2, None))
    await container.aclose()
    assert len(found.items) == 1, "--reuse needs the database of one --keep run"
    return found.items[0]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms"


async def measure(url: str, issuer: Issuer, cold_runs: int, cached_runs: int) -> None:
    settings = Settings(
        _env_file=None, database_url=url, log_level="WARNING", redis_url=os.environ.get("REDIS_URL")
    )
    container = build_container(settings, url)
    registry = build_registry(container)
    actor = Actor(kind="user", permissions=frozenset({"captable:manage"}))
    summary = registry.resolve(GetCapTableSummaryHandler)
    holders = registry.resolve(ListHoldersHandler)
    past = START + timedelta(days=1500)  # after the split
    views: list[tuple[str, date | None, Callable[[], Awaitable[object]]]] = []
    for as_of in (None, past):
        views.append(
            (
                "summary",
                as_of,
                lambda a=as_of: summary.execute(
                    GetCapTableSummary(actor=actor, issuer_id=issuer.id, as_of=a)
                ),
            )
        )
        views.append(
            (
                "holders (first 50)",
                as_of,
                lambda a=as_of: holders.execute(
                    ListHolders(
                        actor=actor, issuer_id=issuer.id, as_of=a, page=PageRequest(50, None)
                    )
                ),
            )
        )
    print(f"cache: {'Redis' if settings.redis_url else 'in memory'}")
    for name, as_of, call in views:
        keys = (totals_key(issuer, as_of), holders_key(issuer, as_of, PageRequest(50, None)))
        cold = []
        for _ in range(cold_runs):
            for key in keys:
                await container.cache.delete(key)
            started = time.perf_counter()
            await call()
            cold.append(time.perf_counter() - started)
        cached = []
        for _ in range(cached_runs):
            started = time.perf_counter()
            await call()
            cached.append(time.perf_counter() - started)
        label = f"{name}, {'now' if as_of is None else f'as of {as_of}'}"
        print(f"{label:38s} cold {percentiles(cold)} | cached {percentiles(cached)}")
    await container.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    parser.add_argument("--cold", type=int, default=20)
    parser.add_argument("--cached", type=int, default=200)
    parser.add_argument(
        "--database", default=NAME, help="the scratch database (recreated unless --reuse)"
    )
    parser.add_argument(
        "--keep", action="store_true", help="keep the seeded database for a later --reuse"
    )
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="measure the issuer a --keep run left in --database, without seeding",
    )
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    if args.reuse:
        url = with_database(server, args.database)
        issuer = asyncio.run(seeded(url))
        asyncio.run(measure(url, issuer, args.cold, args.cached))
        return
    url = asyncio.run(recreate_database(server, args.database))
    migrations.upgrade(url)
    try:
        issuer = asyncio.run(seed(url, args.stakeholders, args.events))
        asyncio.run(measure(url, issuer, args.cold, args.cached))
    finally:
        if not args.keep:
            asyncio.run(drop_database(server, args.database))


if __name__ == "__main__":
    main()
