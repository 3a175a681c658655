"""The worker's sweep at the deadlines: holders are warned once when a proposal closes within a
day; a queued proposal becomes executable at its eta and expires after its grace period; a
defeated one cannot be queued."""

from __future__ import annotations

from sqlalchemy import text

from tests.api.governance.conftest import Governance
from tests.support.accounts import assert_problem

DAY = 86_400


async def templates(governance: Governance) -> list[str]:
    async with governance.container.session_factory() as session:
        rows = await session.scalars(
            text("SELECT template FROM notification_outbox WHERE template LIKE 'governance.%'")
        )
        return sorted(rows)


async def test_holders_are_warned_once_before_the_close(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    await governance.proposal(acme, voting_period_seconds=3 * DAY, quorum="0.1")
    governance.advance(1)
    assert (await governance.sweep()).opened == 1
    assert not await governance.sweep()  # nothing due two days before the close
    governance.advance(2 * DAY + 60)
    assert (await governance.sweep()).warned == 1
    assert not await governance.sweep()
    assert (await templates(governance)).count("governance.proposal_closing_soon") == 2


async def test_queued_then_executable_at_the_eta_then_expired(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    rules = {"quorum": "0.5", "execution_delay_seconds": 120, "grace_period_seconds": 600}
    proposal = await governance.proposal(acme, **rules)
    governance.advance(1)
    await governance.vote(proposal, acme.holders["Priya"], choices=[0])
    governance.advance(60)
    # no sweep yet: queueing closes it first
    queued = await governance.post(f"/proposals/{proposal['id']}/queue", acme.admin)
    assert queued.status_code == 200, queued.text
    assert queued.json()["state"] == "queued"
    assert queued.json()["commitment"] is not None
    early = await governance.post(
        f"/proposals/{proposal['id']}/execute", acme.admin, {"board_action": "Too early"}
    )
    assert_problem(early, 409, "proposal_state_invalid")
    governance.advance(720)  # past eta + grace
    assert (await governance.sweep()).expired == 1
    body = (await governance.get(f"/proposals/{proposal['id']}", acme.admin)).json()
    assert body["state"] == "expired"
    late = await governance.post(
        f"/proposals/{proposal['id']}/execute", acme.admin, {"board_action": "Too late"}
    )
    assert_problem(late, 409, "proposal_state_invalid")


async def test_a_defeated_proposal_cannot_be_queued(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    proposal = await governance.proposal(acme, quorum="0.5")
    governance.advance(1)
    await governance.vote(proposal, acme.holders["Ravi"], choices=[2])  # abstain: quorum 400 < 500
    governance.advance(60)
    assert (await governance.sweep()).closed == 1
    body = (await governance.get(f"/proposals/{proposal['id']}", acme.admin)).json()
    assert body["state"] == "defeated"
    assert body["outcome"]["quorum_reached"] is False
    refused = await governance.post(f"/proposals/{proposal['id']}/queue", acme.admin)
    assert_problem(refused, 409, "proposal_state_invalid")
    assert "governance.proposal_result" in await templates(governance)
