"""The tally of one proposal with 100,000 ballots: the live tally a proposal read sums in the
database, the close (tally, Governor's decision, the Merkle tree over every ballot record and
its runs stored) and the verification of one receipt (its stored leaf and siblings, the
ballot, the tally summed); p50/p99 over ``--rounds`` calls each.

    DATABASE_URL=postgresql://postgres@127.0.0.1:5432/postgres \\
        .venv/bin/python bench/governance_tally.py --ballots 100000 --rounds 20

Seeds a scratch database (``meridian_bench_governance``, dropped at the end unless ``--keep``)
in bulk: one issuer, one class, ``--ballots`` stakeholders, an open proposal with its snapshot
and one ballot per holder spread over for/against/abstain, written straight into the tables the
use cases keep. Then calls the handlers as the routes do (from the app's registry, a system
actor), without HTTP; the close runs in a transaction that is rolled back, so every round
closes the same proposal.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import statistics
import sys
import time
from collections.abc import Awaitable, Callable
from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "src"))

from sqlalchemy import insert, text  # noqa: E402

from adapters.persistence.captable.models import StakeholderRow  # noqa: E402
from adapters.persistence.captable.repositories import SqlIssuers, SqlShareClasses  # noqa: E402
from adapters.persistence.governance.models import (  # noqa: E402
    BallotAllocationRow,
    BallotRow,
    PowerSnapshotRow,
    ProposalRow,
)
from adapters.persistence.governance.proposal_codec import row_values as proposal_values  # noqa: E402
from adapters.persistence.mapping import row_values  # noqa: E402
from domain.captable.issuer import Issuer  # noqa: E402
from domain.captable.share_class import ClassType, ShareClass  # noqa: E402
from domain.captable.stakeholder import Stakeholder, StakeholderType  # noqa: E402
from domain.governance.ballot import Ballot  # noqa: E402
from domain.governance.proposal import Proposal, ProposalRules  # noqa: E402
from domain.shared.actor import Actor  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.database.embedded import start_embedded_postgres  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from infrastructure.wiring.governance import unit_of_work  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.governance.lifecycle import close_voting, record_of  # noqa: E402
from usecases.governance.proposals.get_proposal import GetProposal, GetProposalHandler  # noqa: E402
from usecases.governance.results.verify_ballot import (  # noqa: E402
    VerifyBallot,
    VerifyBallotHandler,
)
from usecases.identity.public.user_directory import UserContact  # noqa: E402

NAME = "meridian_bench_governance"
NOW = datetime(2026, 11, 1, tzinfo=UTC)
ACTOR = Actor.system("governance-bench")
CHUNK = 5000


async def seed(url: str, ballots: int) -> tuple[Proposal, str]:
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings, url)
    issuer = Issuer.new(
        legal_name="Bench Votes, Inc.",
        formation_date=date(2020, 1, 1),
        country_of_formation="US",
        country_subdivision_of_formation="DE",
        currency="USD",
        created_by=None,
        now=NOW,
    )
    common = ShareClass.new(
        issuer_id=issuer.id,
        name="Common",
        class_type=ClassType.COMMON,
        certificate_prefix="CS",
        initial_shares_authorized="100000000000",
        now=NOW,
    )
    holders = [
        Stakeholder.new(
            issuer_id=issuer.id,
            legal_name=f"Holder {n:06d}",
            stakeholder_type=StakeholderType.INDIVIDUAL,
            now=NOW,
        )
        for n in range(ballots)
    ]
    proposal = Proposal.new(
        issuer_id=issuer.id,
        title="Approve the 2027 budget",
        description="",
        proposer_user_id="bench",
        rules=ProposalRules(voting_period=timedelta(days=7), quorum=Decimal("0.2")),
        now=NOW,
    )
    weights = [Decimal(1 + n % 997) for n in range(ballots)]
    proposal.take_snapshot(sum(weights, Decimal(0)), NOW + timedelta(seconds=1))
    cast = [
        Ballot.new(
            proposal_id=proposal.id,
            stakeholder_id=h.id,
            own_weight=w,
            delegated_weight=Decimal(0),
            allocation={n % 3: w},
            reason=None,
            now=NOW + timedelta(hours=1),
        )
        for n, (h, w) in enumerate(zip(holders, weights, strict=True))
    ]
    async with container.session_factory() as session:
        await SqlIssuers(session).add(issuer)
        await SqlShareClasses(session).add(common)
        rows = [row_values(h, StakeholderRow, address=None) for h in holders]
        for i in range(0, len(rows), CHUNK):
            await session.execute(insert(StakeholderRow), rows[i : i + CHUNK])
        await session.execute(insert(ProposalRow).values(**proposal_values(proposal)))
        tables: list[tuple[Any, list[dict[str, Any]]]] = [
            (
                PowerSnapshotRow,
                [
                    {
                        "proposal_id": proposal.id,
                        "stakeholder_id": b.stakeholder_id,
                        "own": b.own_weight,
                        "delegated": Decimal(0),
                        "delegated_to": None,
                    }
                    for b in cast
                ],
            ),
            (
                BallotRow,
                [
                    {
                        "id": b.id,
                        "proposal_id": b.proposal_id,
                        "stakeholder_id": b.stakeholder_id,
                        "own_weight": b.own_weight,
                        "delegated_weight": b.delegated_weight,
                        "reason": None,
                        "revision": 1,
                        "cast_at": b.cast_at,
                    }
                    for b in cast
                ],
            ),
            (
                BallotAllocationRow,
                [
                    {"ballot_id": b.id, "option": o, "proposal_id": b.proposal_id, "weight": w}
                    for b in cast
                    for o, w in b.allocation.items()
                ],
            ),
        ]
        for table, values in tables:
            for i in range(0, len(values), CHUNK):
                await session.execute(insert(table), values[i : i + CHUNK])
        await session.commit()
        for name in (
            "captable_stakeholders",
            "governance_power_snapshots",
            "governance_ballots",
            "governance_ballot_allocations",
        ):
            await session.execute(text(f"ANALYZE {name}"))
    await container.aclose()
    return proposal, record_of(cast[len(cast) // 2]).receipt()


class NoContacts:
    """The bench's holders are not platform users: nobody to tell."""

    async def user_id_for_code(self, code: str) -> None:
        return None

    async def codes_for(self, user_ids: object) -> dict[Any, str]:
        return {}

    async def contact(self, user_id: object) -> UserContact | None:
        return None


def percentiles(samples: list[float]) -> str:
    ms = sorted(s * 1000 for s in samples)
    p99 = ms[min(len(ms) - 1, round(0.99 * (len(ms) - 1)))]
    return f"p50 {statistics.median(ms):8.1f} ms  p99 {p99:8.1f} ms  (n={len(ms)})"


async def timed(rounds: int, call: Callable[[], Awaitable[object]]) -> list[float]:
    await call()  # warm
    samples = []
    for _ in range(rounds):
        started = time.perf_counter()
        await call()
        samples.append(time.perf_counter() - started)
    return samples


async def measure(url: str, proposal: Proposal, receipt: str, rounds: int) -> None:
    settings = Settings(_env_file=None, database_url=url, log_level="WARNING")
    container = build_container(settings, url)
    registry = build_registry(container)
    get = registry.resolve(GetProposalHandler)
    verify = registry.resolve(VerifyBallotHandler)
    users = NoContacts()
    after_close = proposal.vote_end + timedelta(seconds=1)

    async def live() -> object:
        return await get.execute(GetProposal(actor=ACTOR, proposal_id=proposal.id))

    async def close() -> object:
        uow = unit_of_work(container)
        async with uow:
            found = await uow.proposals.get(proposal.id, for_update=True)
            assert found is not None
            assert await close_voting(uow, users, ACTOR, found, after_close)
            return found.commitment  # rolled back on leaving: no commit

    view = await live()
    print(f"live tally: {view.tally}")  # type: ignore[attr-defined]
    print(f"{'live tally (proposal read)':34s} {percentiles(await timed(rounds, live))}")
    print(f"{'close (tally, decision, tree)':34s} {percentiles(await timed(rounds, close))}")

    # verification needs the commitment: close for real once
    uow = unit_of_work(container)
    async with uow:
        found = await uow.proposals.get(proposal.id, for_update=True)
        assert found is not None
        await close_voting(uow, users, ACTOR, found, after_close)
        await uow.commit()

    async def check() -> object:
        result = await verify.execute(
            VerifyBallot(actor=ACTOR, proposal_id=proposal.id, receipt=receipt)
        )
        if not (result.included and result.committed_set_intact and result.tally_matches):
            raise RuntimeError(f"the receipt did not verify: {result}")
        return result

    print(f"{'verify one receipt':34s} {percentiles(await timed(rounds, check))}")
    await container.aclose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ballots", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=20)
    parser.add_argument("--database", default=NAME)
    parser.add_argument("--keep", action="store_true")
    args = parser.parse_args()
    server = os.environ.get("DATABASE_URL") or start_embedded_postgres(ROOT / ".data" / "pg")
    url = asyncio.run(recreate_database(server, args.database))
    migrations.upgrade(url)
    try:
        started = time.perf_counter()
        proposal, receipt = asyncio.run(seed(url, args.ballots))
        print(f"seeded {args.ballots} ballots in {time.perf_counter() - started:.1f}s")
        asyncio.run(measure(url, proposal, receipt, args.rounds))
    finally:
        if not args.keep:
            asyncio.run(drop_database(server, args.database))


if __name__ == "__main__":
    main()
