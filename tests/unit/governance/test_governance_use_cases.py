"""Governance's use cases on in-memory fakes of its ports (no database): proposing and the
proposer threshold, casting and changing ballots, the snapshot as of the voting start, delegation
chains and cycles, and the close with its tally and commitment. The same rules are tested
end to end over HTTP on PostgreSQL in ``tests/api/governance``."""

from __future__ import annotations

from dataclasses import replace
from datetime import timedelta
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest

from domain.governance.commitment import merkle_root
from domain.governance.errors import (
    BallotAlreadyCast,
    BelowProposerThreshold,
    DelegationCycle,
    NoVotingPower,
    ProposalNotActive,
    ProposalNotFound,
    UnknownOption,
)
from domain.governance.proposal import Proposal, ProposalRules, ProposalState
from domain.shared.actor import Actor
from tests.support.clock import FixedClock
from tests.unit.governance.fakes import (
    AT,
    FakeGovernanceUnitOfWork,
    FakeUsers,
    World,
)
from usecases.governance.lifecycle import record_of
from usecases.governance.proposals.create_proposal import CreateProposal, CreateProposalHandler
from usecases.governance.proposals.set_proposer_threshold import (
    SetProposerThreshold,
    SetProposerThresholdHandler,
)
from usecases.governance.results.verify_ballot import VerifyBallot, VerifyBallotHandler
from usecases.governance.views import BallotView
from usecases.governance.voting.cast_ballot import CastBallot, CastBallotHandler
from usecases.governance.voting.delegate_votes import DelegateVotes, DelegateVotesHandler
from usecases.governance.worker.advance_proposals import AdvanceProposals, AdvanceProposalsHandler


class Governance:
    """The handlers on one world and one clock, as the wiring builds them."""

    def __init__(self) -> None:
        self.world = World()
        self.clock = FixedClock(AT)
        self.admin = self.world.admin()

    def uow(self) -> FakeGovernanceUnitOfWork:
        return FakeGovernanceUnitOfWork(self.world)

    async def propose(self, actor: Actor | None = None, **rules: Any) -> Proposal:
        handler = CreateProposalHandler(self.uow(), self.clock)
        return await handler.execute(
            CreateProposal(
                actor=actor or self.admin,
                issuer_id=self.world.issuer_id,
                title="Approve the 2027 budget",
                description="",
                rules=ProposalRules(voting_period=timedelta(minutes=10), **rules),
            )
        )

    async def vote(self, proposal: Proposal, who: str, *choices: int) -> BallotView:
        handler = CastBallotHandler(self.uow, FakeUsers(self.world), self.clock)
        return await handler.execute(
            CastBallot(actor=self.world.actor(who), proposal_id=proposal.id, choices=choices)
        )

    async def delegate(self, who: str, to: str | None) -> None:
        handler = DelegateVotesHandler(self.uow(), self.clock)
        delegate = None if to is None else self.world.holders[to]
        await handler.execute(
            DelegateVotes(
                actor=self.world.actor(who), issuer_id=self.world.issuer_id, delegate_id=delegate
            )
        )

    async def sweep(self) -> None:
        handler = AdvanceProposalsHandler(self.uow, FakeUsers(self.world), self.clock)
        await handler.execute(AdvanceProposals())

    def stored(self, proposal: Proposal) -> Proposal:
        return self.world.tables.proposals[proposal.id]

    def weights(self, view: BallotView) -> tuple[Decimal, Decimal]:
        return view.ballot.own_weight, view.ballot.delegated_weight

    def actions(self) -> list[str]:
        return [r.action for r in self.world.tables.audited]


@pytest.fixture
def gov() -> Governance:
    return Governance()


# -- create proposal -------------------------------------------------------------------------


async def test_an_admin_proposes_and_voting_opens_after_the_delay(gov: Governance) -> None:
    proposal = await gov.propose(voting_delay=timedelta(minutes=5))
    stored = gov.stored(proposal)
    assert stored.vote_start == AT + timedelta(minutes=5)
    assert stored.vote_end == stored.vote_start + timedelta(minutes=10)
    assert stored.state(AT) is ProposalState.PENDING
    assert gov.actions() == ["governance.create_proposal"]


async def test_a_holder_under_the_proposer_threshold_is_refused_and_nothing_written(
    gov: Governance,
) -> None:
    small = gov.world.holder("Ravi", "40")
    gov.world.holder("Asha", "30")
    await SetProposerThresholdHandler(gov.uow(), gov.clock).execute(
        SetProposerThreshold(
            actor=gov.admin, issuer_id=gov.world.issuer_id, proposer_threshold=Decimal("50")
        )
    )
    with pytest.raises(BelowProposerThreshold):
        await gov.propose(small)
    assert gov.world.tables.proposals == {}
    # power delegated to the holder counts towards the threshold
    await gov.delegate("Asha", "Ravi")
    assert (await gov.propose(small)).proposer_user_id == str(small.user_id)


# -- cast ballot -----------------------------------------------------------------------------


async def test_a_ballot_weighs_the_snapshot_and_is_refused_outside_the_period(
    gov: Governance,
) -> None:
    gov.world.holder("Priya", "600")
    gov.world.holder("Ravi", "400")
    proposal = await gov.propose()
    with pytest.raises(ProposalNotActive):
        await gov.vote(proposal, "Priya", 0)  # still pending at the start instant
    gov.clock.advance(seconds=1)
    view = await gov.vote(proposal, "Priya", 0)  # opens the proposal: no sweep yet
    assert gov.weights(view) == (Decimal(600), Decimal(0))
    assert gov.stored(proposal).snapshot_total == Decimal(1000)
    gov.clock.advance(minutes=10)
    with pytest.raises(ProposalNotActive):
        await gov.vote(proposal, "Ravi", 1)
    assert len(gov.world.tables.ballots) == 1


async def test_one_ballot_a_holder_unless_changes_are_allowed(gov: Governance) -> None:
    gov.world.holder("Priya", "600")
    fixed = await gov.propose()
    changeable = await gov.propose(allow_changes=True)
    gov.clock.advance(seconds=1)
    first = await gov.vote(fixed, "Priya", 0)
    with pytest.raises(BallotAlreadyCast):
        await gov.vote(fixed, "Priya", 1)
    kept = gov.world.tables.ballots[(fixed.id, first.ballot.stakeholder_id)]
    assert (kept.allocation, kept.revision) == ({0: Decimal(600)}, 1)

    await gov.vote(changeable, "Priya", 0)
    changed = await gov.vote(changeable, "Priya", 1)
    assert (changed.ballot.allocation, changed.ballot.revision) == ({1: Decimal(600)}, 2)
    assert gov.actions().count("governance.cast_ballot") == 3


async def test_options_that_do_not_exist_and_strangers_are_refused(gov: Governance) -> None:
    gov.world.holder("Priya", "600")
    proposal = await gov.propose()
    gov.clock.advance(seconds=1)
    with pytest.raises(UnknownOption):
        await gov.vote(proposal, "Priya", 7)
    stranger = Actor(kind="user", user_id=gov.world.admin().user_id)
    with pytest.raises(ProposalNotFound):
        await CastBallotHandler(gov.uow, FakeUsers(gov.world), gov.clock).execute(
            CastBallot(actor=stranger, proposal_id=proposal.id, choices=[0])
        )
    assert gov.world.tables.ballots == {}


async def test_the_snapshot_is_as_of_the_start_whenever_it_is_taken(gov: Governance) -> None:
    gov.world.holder("Sam", "1000")
    gov.world.holder("Bea")
    proposal = await gov.propose()
    gov.clock.advance(seconds=20)  # the worker has not come by
    gov.world.holds("Sam", "-400", gov.clock.now())  # a transfer recorded after the start
    gov.world.holds("Bea", "400", gov.clock.now())
    await gov.delegate("Sam", "Bea")  # and a delegation
    await gov.sweep()
    assert gov.stored(proposal).snapshot_total == Decimal(1000)
    assert gov.weights(await gov.vote(proposal, "Sam", 0)) == (Decimal(1000), Decimal(0))
    with pytest.raises(NoVotingPower):
        await gov.vote(proposal, "Bea", 1)

    later = await gov.propose()
    gov.clock.advance(seconds=1)
    assert gov.weights(await gov.vote(later, "Bea", 0)) == (Decimal(400), Decimal(600))


# -- delegate --------------------------------------------------------------------------------


async def test_a_chain_puts_every_vote_with_its_end_once(gov: Governance) -> None:
    for name, votes in (("A", "10"), ("B", "20"), ("C", "30"), ("D", "40")):
        gov.world.holder(name, votes)
    await gov.delegate("A", "B")
    await gov.delegate("B", "C")
    proposal = await gov.propose()
    gov.clock.advance(seconds=1)
    c = await gov.vote(proposal, "C", 0)
    assert gov.weights(c) == (Decimal(30), Decimal(30))  # A's 10 through B, and B's 20
    for delegator in ("A", "B"):
        with pytest.raises(NoVotingPower):
            await gov.vote(proposal, delegator, 1)
    await gov.vote(proposal, "D", 1)
    tally = await gov.uow().ballots.tally(proposal.id, 3)
    assert tally.by_option == (Decimal(60), Decimal(40), Decimal(0))
    assert gov.stored(proposal).snapshot_total == tally.participation == Decimal(100)


async def test_a_delegation_in_a_cycle_is_refused_and_nothing_written(gov: Governance) -> None:
    for name in ("A", "B", "C"):
        gov.world.holder(name, "10")
    await gov.delegate("A", "B")
    await gov.delegate("B", "C")
    log = list(gov.world.tables.delegation_log)
    for who, to in (("C", "A"), ("C", "B"), ("A", "A")):
        with pytest.raises(DelegationCycle):
            await gov.delegate(who, to)
    assert gov.world.tables.delegations == {
        gov.world.holders["A"]: gov.world.holders["B"],
        gov.world.holders["B"]: gov.world.holders["C"],
    }
    assert gov.world.tables.delegation_log == log


async def test_a_delegate_who_also_votes_shows_own_and_delegated_apart(gov: Governance) -> None:
    gov.world.holder("Asha", "25")
    gov.world.holder("Ravi", "75")
    await gov.delegate("Asha", "Ravi")
    proposal = await gov.propose()
    gov.clock.advance(seconds=1)
    ravi = await gov.vote(proposal, "Ravi", 1)
    assert gov.weights(ravi) == (Decimal(75), Decimal(25))
    assert ravi.ballot.weight == Decimal(100)
    with pytest.raises(NoVotingPower):  # no double counting: Asha's votes are Ravi's
        await gov.vote(proposal, "Asha", 0)
    # taking it back counts from the next proposal's start
    await gov.delegate("Asha", None)
    later = await gov.propose()
    gov.clock.advance(seconds=1)
    assert gov.weights(await gov.vote(later, "Asha", 0)) == (Decimal(25), Decimal(0))
    assert gov.weights(await gov.vote(later, "Ravi", 0)) == (Decimal(75), Decimal(0))


# -- close and tally -------------------------------------------------------------------------


async def test_the_close_tallies_decides_and_commits_to_every_ballot(gov: Governance) -> None:
    for name, votes in (("Priya", "500"), ("Ravi", "300"), ("Asha", "200")):
        gov.world.holder(name, votes)
    proposal = await gov.propose(quorum=Decimal("0.5"))
    gov.clock.advance(seconds=1)
    views = [
        await gov.vote(proposal, "Priya", 0),
        await gov.vote(proposal, "Ravi", 1),
        await gov.vote(proposal, "Asha", 2),
    ]
    gov.clock.advance(minutes=10)
    await gov.sweep()
    closed = gov.stored(proposal)
    assert closed.state(gov.clock.now()) is ProposalState.SUCCEEDED  # 500 > 300; 700 >= 500
    assert closed.outcome is not None
    assert closed.outcome.counted == Decimal(700)
    ballots = gov.world.tables.ballots.values()
    assert closed.commitment == merkle_root([record_of(b).leaf() for b in ballots])
    assert "governance.close_proposal" in gov.actions()

    verify = VerifyBallotHandler(gov.uow())
    result = await verify.execute(
        VerifyBallot(actor=gov.admin, proposal_id=proposal.id, receipt=views[1].receipt)
    )
    assert (result.included, result.committed_set_intact, result.tally_matches) == (
        True,
        True,
        True,
    )
    # a ballot altered after close no longer hashes to its committed leaf
    key: tuple[UUID, UUID] = (proposal.id, views[1].ballot.stakeholder_id)
    tampered = gov.world.tables.ballots[key]
    gov.world.tables.ballots[key] = replace(tampered, allocation={0: tampered.weight})
    result = await VerifyBallotHandler(gov.uow()).execute(
        VerifyBallot(actor=gov.admin, proposal_id=proposal.id, receipt=views[1].receipt)
    )
    assert (result.included, result.committed_set_intact, result.tally_matches) == (
        False,
        False,
        False,
    )


async def test_the_quorum_counts_for_and_abstain_at_the_snapshot(gov: Governance) -> None:
    gov.world.holder("Priya", "30")
    gov.world.holder("Ravi", "70")
    proposal = await gov.propose(quorum=Decimal("0.4"))
    gov.clock.advance(seconds=1)
    await gov.vote(proposal, "Priya", 0)  # 30 for: under 40 % of 100
    gov.clock.advance(minutes=10)
    await gov.sweep()
    closed = gov.stored(proposal)
    assert closed.outcome is not None
    assert not closed.outcome.quorum_reached
    assert closed.state(gov.clock.now()) is ProposalState.DEFEATED
