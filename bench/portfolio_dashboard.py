"""The portfolio dashboard (``GET /api/v1/portfolio/summary``) for one investor with 1,000
investments of 50 activities each: p50/p99 of the route's answer (the use case and the JSON
body it sends, without HTTP), **cold** (the first read after a write: an activity recorded
through the use case before each timed read, untimed) and **warm** (the same read again).

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/meridian_bench_portfolio \\
    REDIS_URL=redis://127.0.0.1:6379/7 \\
        .venv/bin/python bench/portfolio_dashboard.py --investments 1000 --activities 50 --runs 30

With ``PYTHONPATH`` set, the code measured is the one it names (``PYTHONPATH=/tmp/before/src``
runs an older checkout's code with this script, for before/after runs in one session); the
script works with the versions before and after the summary cache.

The database named by DATABASE_URL is a scratch one: it is migrated, the investor and their
investments are written in bulk (a contribution, then calls, fees, distributions of every kind
and quarterly valuations, in four currencies), analyzed, measured, and the rows are deleted at
the end unless ``--keep``.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import sys
import time
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from fastapi import Response
from sqlalchemy import delete, insert, text
from sqlalchemy.ext.asyncio import AsyncSession

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
if not os.environ.get("PYTHONPATH"):
    sys.path.insert(0, str(ROOT / "src"))

from adapters.http.portfolio.analytics_router import get_portfolio_summary  # noqa: E402
from adapters.persistence.identity.models import UserRow  # noqa: E402
from adapters.persistence.mapping import row_values  # noqa: E402
from adapters.persistence.portfolio.models import ActivityRow, InvestmentRow  # noqa: E402
from adapters.persistence.portfolio.repositories import SqlActivities  # noqa: E402
from domain.portfolio.activity import Activity, ActivityKind  # noqa: E402
from domain.portfolio.investment import Investment, InvestmentKind  # noqa: E402
from domain.shared.actor import Actor  # noqa: E402
from domain.shared.ids import UserId, new_uuid  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from usecases.portfolio.activities.record_activity import (  # noqa: E402
    RecordActivity,
    RecordActivityHandler,
)
from usecases.portfolio.analytics.get_portfolio_summary import (  # noqa: E402
    GetPortfolioSummaryHandler,
)

CURRENCIES = ("USD", "EUR", "INR", "GBP")
SECTORS = ("Software", "Health", "Fintech", "Industrials", "Consumer", "Energy")
GEOGRAPHIES = ("US", "IN", "Europe", "UK", "SEA")
KINDS = tuple(InvestmentKind)


def holdings(owner: UserId, count: int, per: int, now: object) -> tuple[list, list]:
    rng = random.Random(20)
    investments, activities = [], []
    for i in range(count):
        start = date(2010, 1, 1) + timedelta(days=rng.randint(0, 3650))
        inv = Investment.new(
            owner_id=owner,
            name=f"Bench investment {i}",
            kind=rng.choice(KINDS),
            sponsor=f"Sponsor {i % 40}",
            sector=rng.choice(SECTORS),
            geography=rng.choice(GEOGRAPHIES),
            vintage=start.year,
            currency=CURRENCIES[i % len(CURRENCIES)],
            commitment=Decimal(rng.randint(100, 5000) * 1000),
            start_date=start,
            now=now,  # type: ignore[arg-type]
        )
        investments.append(inv)
        day = start
        for n in range(per):
            if n == 0:
                kind = ActivityKind.CONTRIBUTION
            elif n % 4 == 3:
                kind = ActivityKind.VALUATION
            else:
                kind = rng.choice(
                    [
                        ActivityKind.CONTRIBUTION,
                        ActivityKind.FEE,
                        ActivityKind.RETURN_OF_CAPITAL,
                        ActivityKind.GAIN,
                        ActivityKind.INCOME,
                    ]
                )
            amount = Decimal(rng.randint(1_000, 200_000))
            activities.append(
                Activity.new(
                    inv,
                    kind=kind,
                    occurred_on=day,
                    amount=amount,
                    currency=inv.currency,
                    note=None,
                    now=now,
                )  # type: ignore[arg-type]
            )
            day += timedelta(days=rng.randint(20, 120))
    return investments, activities


def percentiles(samples: list[float], cpu: list[float]) -> str:
    """Wall-clock p50/p99, and the median CPU time of this process (steadier on a loaded
    machine: other processes' load does not count in it)."""
    ordered = sorted(samples)
    p99 = ordered[min(len(ordered) - 1, round(0.99 * (len(ordered) - 1)))]
    return (
        f"p50 {statistics.median(ordered) * 1000:7.1f} ms  p99 {p99 * 1000:7.1f} ms  "
        f"cpu p50 {statistics.median(cpu) * 1000:7.1f} ms"
    )


async def main(args: argparse.Namespace) -> None:
    url = os.environ["DATABASE_URL"]
    await asyncio.to_thread(migrations.upgrade, url)
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings, url)
    now = container.clock.now()
    owner = UserId(new_uuid())
    started = time.perf_counter()
    investments, activities = holdings(owner, args.investments, args.activities, now)
    async with container.engine.begin() as conn:
        await conn.execute(
            insert(UserRow).values(
                id=owner,
                email=f"bench-portfolio-{owner}@example.com",
                phone=f"+91{owner.int % 10**10:010d}",
                password_hash="!",  # noqa: S106 - nobody signs in as the bench investor
                full_name="Bench Investor",
                roles=["user"],
                code=f"USR-P{owner.int % 10**5:05d}",
                kyc_level=0,
                platforms=["web"],
                status="active",
                failed_logins=0,
                password_changed_at=now,
                created_at=now,
                updated_at=now,
            )
        )
        await conn.execute(
            insert(InvestmentRow), [row_values(i, InvestmentRow) for i in investments]
        )
        rows = [row_values(a, ActivityRow) for a in activities]
        for at in range(0, len(rows), 5000):
            await conn.execute(insert(ActivityRow), rows[at : at + 5000])
        # what recording them through the repository stores beside them
        await SqlActivities(AsyncSession(bind=conn)).refresh_sums([i.id for i in investments])
        await conn.execute(text("ANALYZE portfolio_investments"))
        await conn.execute(text("ANALYZE portfolio_activities"))
    print(
        f"seeded {len(investments)} investments, {len(activities)} activities "
        f"in {time.perf_counter() - started:.1f}s"
    )
    registry = build_registry(container)
    handler = registry.resolve(GetPortfolioSummaryHandler)
    recorder = registry.resolve(RecordActivityHandler)
    actor = Actor(kind="user", user_id=owner)
    written = iter(range(10**9))

    async def write() -> None:
        """A valuation of one investment, through the use case (what retires a cache)."""
        n = next(written)
        inv = investments[n * 7 % len(investments)]
        await recorder.execute(
            RecordActivity(
                actor=actor,
                investment_id=inv.id,
                kind=ActivityKind.VALUATION,
                occurred_on=date(2026, 11, 30),
                amount=Decimal(100_000 + n),
                currency=inv.currency,
            )
        )

    async def read() -> bytes:
        answer = await get_portfolio_summary(actor=actor, handler=handler)  # type: ignore[call-arg]
        if isinstance(answer, Response):  # the cached body (after)
            return bytes(answer.body)
        return answer.__pydantic_serializer__.to_json(answer)  # type: ignore[no-any-return]

    async def timed() -> tuple[float, float]:
        t0, c0 = time.perf_counter(), time.process_time()
        await read()
        return time.perf_counter() - t0, time.process_time() - c0

    try:
        await read()  # warm-up
        cold, warm, cold_cpu, warm_cpu = [], [], [], []
        for _ in range(args.runs):
            await write()
            wall, cpu = await timed()
            cold.append(wall)
            cold_cpu.append(cpu)
            wall, cpu = await timed()
            warm.append(wall)
            warm_cpu.append(cpu)
        print(f"investments={args.investments} activities={args.activities} runs={args.runs}")
        print(f"cold (after a write)  {percentiles(cold, cold_cpu)}")
        print(f"warm (read again)     {percentiles(warm, warm_cpu)}")
        print(f"body {len(await read()):,} bytes")
        if args.profile:
            from pyinstrument import Profiler

            profiler = Profiler(async_mode="enabled")
            with profiler:
                for _ in range(10):
                    await write()
                    await read()
                    await read()
            print(profiler.output_text(unicode=False, color=False, show_all=False))
    finally:
        if not args.keep:
            async with container.engine.begin() as conn:
                await conn.execute(delete(InvestmentRow).where(InvestmentRow.owner_id == owner))
                await conn.execute(delete(UserRow).where(UserRow.id == owner))
        await container.aclose()


if __name__ == "__main__":
    parser = argparse.ArgumentParser()
    parser.add_argument("--investments", type=int, default=1000)
    parser.add_argument("--activities", type=int, default=50)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--keep", action="store_true")
    parser.add_argument(
        "--profile", action="store_true", help="pyinstrument over 10 more cold and warm reads"
    )
    asyncio.run(main(parser.parse_args()))
