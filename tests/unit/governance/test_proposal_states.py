"""Every state of a proposal and every transition between them, as OpenZeppelin's Governor
has them (the Governance vectors in TEST_VECTORS.md): Pending up to and including the
snapshot, Active up to and including the deadline, then Defeated or Succeeded from the tally
(the quorum counts For + Abstain; it passes only if For > Against), Queued, Expired after the
grace period, Executed; Canceled from any state but Canceled, Expired and Executed."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.governance.errors import InvalidProposal, ProposalStateInvalid
from domain.governance.proposal import Proposal, ProposalKind, ProposalRules, ProposalState
from domain.governance.tally import Tally, decide

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)
DAY = timedelta(days=1)
S = ProposalState


def proposal(**rules: object) -> Proposal:
    base: dict[str, object] = {
        "voting_delay": DAY,
        "voting_period": 3 * DAY,
        "quorum": Decimal("0.1"),
    }
    return Proposal.new(
        issuer_id=uuid4(),
        title="Approve the 2027 budget",
        description="",
        proposer_user_id="u1",
        rules=ProposalRules(**(base | rules)),  # type: ignore[arg-type]
        now=T0,
    )


def outcome(for_: str, against: str, abstain: str, total: str = "1000", quorum: str = "0.1"):
    tally = Tally((Decimal(for_), Decimal(against), Decimal(abstain)), Decimal(0), 0)
    return decide(
        tally,
        yes_no=True,
        snapshot_total=Decimal(total),
        quorum=Decimal(quorum),
        pass_threshold=Decimal("0.5"),
    )


def closed(for_: str, against: str, abstain: str, **rules: object) -> Proposal:
    p = proposal(**rules)
    p.close(outcome(for_, against, abstain), "root", p.vote_end + timedelta(seconds=1))
    return p


def test_pending_until_and_at_the_snapshot_then_active_through_the_deadline() -> None:
    p = proposal()
    assert p.vote_start == T0 + DAY
    assert p.vote_end == T0 + 4 * DAY
    assert p.state(T0) is S.PENDING
    assert p.state(p.vote_start) is S.PENDING  # Governor: snapshot >= now is still pending
    assert p.state(p.vote_start + timedelta(seconds=1)) is S.ACTIVE
    assert p.state(p.vote_end) is S.ACTIVE  # deadline >= now is still active
    assert p.state(p.vote_end + timedelta(seconds=1), outcome("200", "0", "0")) is S.SUCCEEDED


@pytest.mark.parametrize(
    ("for_", "against", "abstain", "expected"),
    [
        ("100", "0", "0", S.SUCCEEDED),  # quorum 100 of 1000 reached exactly
        ("99", "0", "0", S.DEFEATED),  # one vote short of quorum
        ("60", "0", "40", S.SUCCEEDED),  # abstain counts towards quorum
        ("1", "0", "99", S.SUCCEEDED),  # ... and For > Against with For alone
        ("0", "0", "500", S.DEFEATED),  # quorum, but For is not more than Against
        ("300", "300", "0", S.DEFEATED),  # a tie does not pass
        ("301", "300", "0", S.SUCCEEDED),
        ("50", "900", "60", S.DEFEATED),  # against does not count to quorum; For < Against
    ],
)
def test_quorum_counts_for_and_abstain_and_passing_needs_for_over_against(
    for_: str, against: str, abstain: str, expected: ProposalState
) -> None:
    p = proposal()
    after = p.vote_end + timedelta(seconds=1)
    assert p.state(after, outcome(for_, against, abstain)) is expected
    p.close(outcome(for_, against, abstain), "root", after)
    assert p.status is expected
    assert p.state(after + 30 * DAY) is expected


def test_succeeded_is_queued_then_executable_at_the_eta_and_executed() -> None:
    p = closed("200", "0", "0", execution_delay=2 * DAY)
    now = p.vote_end + timedelta(hours=1)
    with pytest.raises(ProposalStateInvalid):
        p.execute("board resolution 7", now)  # a delay means queue first
    p.queue(now)
    assert p.state(now) is S.QUEUED
    assert p.eta == now + 2 * DAY
    with pytest.raises(ProposalStateInvalid):
        p.execute("board resolution 7", now + DAY)  # before the eta
    p.execute("board resolution 7", now + 2 * DAY)
    assert p.state(now + 100 * DAY) is S.EXECUTED
    assert p.board_action == "board resolution 7"


def test_without_an_execution_delay_a_succeeded_proposal_executes_directly() -> None:
    p = closed("200", "0", "0")
    p.execute("minutes filed", p.vote_end + DAY)
    assert p.status is S.EXECUTED


def test_a_queued_proposal_expires_after_the_grace_period() -> None:
    p = closed("200", "0", "0", execution_delay=DAY, grace_period=7 * DAY)
    now = p.vote_end + timedelta(hours=1)
    p.queue(now)
    assert p.state(now + 8 * DAY - timedelta(seconds=1)) is S.QUEUED
    assert p.state(now + 8 * DAY) is S.EXPIRED  # eta + grace
    assert p.refresh(now + 8 * DAY)
    assert p.status is S.EXPIRED
    with pytest.raises(ProposalStateInvalid):
        p.execute("late", now + 9 * DAY)
    with pytest.raises(ProposalStateInvalid):
        p.cancel(now + 9 * DAY)


@pytest.mark.parametrize("when", ["pending", "active", "succeeded", "queued", "defeated"])
def test_cancel_from_every_state_but_the_final_ones(when: str) -> None:
    p = proposal(execution_delay=DAY)
    now = T0
    if when == "active":
        now = p.vote_start + timedelta(seconds=1)
    elif when in {"succeeded", "queued", "defeated"}:
        votes = ("0", "0", "0") if when == "defeated" else ("200", "0", "0")
        p = closed(*votes, execution_delay=DAY)
        now = p.vote_end + DAY
        if when == "queued":
            p.queue(now)
    assert p.state(now).value == when
    p.cancel(now)
    assert p.state(now) is S.CANCELED
    assert p.state(now + 400 * DAY) is S.CANCELED
    for step in (lambda: p.cancel(now), lambda: p.queue(now), lambda: p.execute("x", now)):
        with pytest.raises(ProposalStateInvalid):
            step()


def test_executed_cannot_be_canceled_queued_or_executed_again() -> None:
    p = closed("200", "0", "0")
    p.execute("done", p.vote_end + DAY)
    for step in (p.cancel, p.queue):
        with pytest.raises(ProposalStateInvalid):
            step(p.vote_end + DAY)
    with pytest.raises(ProposalStateInvalid):
        p.execute("again", p.vote_end + DAY)


def test_defeated_cannot_be_queued_or_executed() -> None:
    p = closed("10", "0", "0")
    with pytest.raises(ProposalStateInvalid):
        p.queue(p.vote_end + DAY)
    with pytest.raises(ProposalStateInvalid):
        p.execute("x", p.vote_end + DAY)


def test_choice_kinds_succeed_on_a_unique_leader_over_the_threshold() -> None:
    def choice(*weights: str, participation: str) -> bool:
        tally = Tally(tuple(Decimal(w) for w in weights), Decimal(participation), 3)
        return decide(
            tally,
            yes_no=False,
            snapshot_total=Decimal(100),
            quorum=Decimal("0.5"),
            pass_threshold=Decimal("0.5"),
        ).succeeded

    assert choice("40", "20", "0", participation="60")
    assert not choice("30", "30", "0", participation="60")  # a tie
    assert not choice("30", "20", "10", participation="60")  # no majority of the weight
    assert not choice("40", "0", "0", participation="40")  # under quorum


def test_bad_rules_are_refused_naming_every_field() -> None:
    with pytest.raises(InvalidProposal) as refused:
        proposal(
            kind=ProposalKind.SINGLE_CHOICE,
            options=("A",),
            quorum=Decimal("1.5"),
            pass_threshold=Decimal("0.2"),
            voting_period=timedelta(0),
        )
    assert {e.field for e in refused.value.errors} == {
        "options",
        "quorum",
        "pass_threshold",
        "voting_period",
    }
