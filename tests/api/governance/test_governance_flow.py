"""A proposal's whole life over HTTP, with the worker's sweep at its deadlines: Pending (no
ballots), opened with a snapshot of holdings x votes per share, ballots with reasons and
receipts, closed with the tally, the decision and the Merkle commitment, then executed with
the board action; a receipt proves its ballot, a tampered one does not; holders are told."""

from __future__ import annotations

import base64
import json

from sqlalchemy import text

from domain.governance.commitment import BallotRecord
from tests.api.governance.conftest import Governance
from tests.support.accounts import assert_problem


async def test_a_proposal_from_pending_to_executed(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "300", "Asha": "100"})
    priya, ravi, asha = (acme.holders[n] for n in ("Priya", "Ravi", "Asha"))
    proposal = await governance.proposal(acme, quorum="0.5", voting_delay_seconds=10)
    assert proposal["state"] == "pending"
    assert proposal["options"] == ["for", "against", "abstain"]

    refused = await governance.vote(proposal, priya, choices=[0])
    assert_problem(refused, 409, "proposal_not_active")
    early = await governance.get(f"/proposals/{proposal['id']}/results/pdf", priya)
    assert_problem(early, 409, "proposal_not_closed")
    assert await governance.count("governance_ballots") == 0

    governance.advance(11)
    assert (await governance.sweep()).opened == 1
    opened = (await governance.get(f"/proposals/{proposal['id']}", priya)).json()
    assert opened["state"] == "active"
    assert opened["snapshot_total"] == "1000"

    cast = await governance.vote(proposal, priya, choices=[0], reason="Runway above 18 months")
    assert cast.status_code == 200, cast.text
    ballot = cast.json()
    assert (ballot["own_weight"], ballot["delegated_weight"], ballot["weight"]) == (
        "600",
        "0",
        "600",
    )
    assert ballot["allocation"] == [{"option": 0, "name": "for", "weight": "600"}]
    assert (await governance.vote(proposal, ravi, choices=[1])).status_code == 200
    assert (await governance.vote(proposal, asha, choices=[2])).status_code == 200

    live = (await governance.get(f"/proposals/{proposal['id']}", ravi)).json()
    assert live["tally"] == {
        "by_option": ["600", "300", "100"],
        "participation": "1000",
        "ballots": 3,
    }
    assert live["outcome"]["counted"] == "700"
    assert live["outcome"]["quorum_reached"] is True

    governance.advance(60)
    assert (await governance.sweep()).closed == 1
    closed = (await governance.get(f"/proposals/{proposal['id']}", asha)).json()
    assert closed["state"] == "succeeded"
    assert len(closed["commitment"]) == 64

    executed = await governance.post(
        f"/proposals/{proposal['id']}/execute", acme.admin, {"board_action": "Resolution 7 adopted"}
    )
    assert executed.status_code == 200, executed.text
    assert executed.json()["state"] == "executed"
    assert executed.json()["board_action"] == "Resolution 7 adopted"

    verified = await governance.get(
        f"/proposals/{proposal['id']}/ballots/verify", priya, receipt=ballot["receipt"]
    )
    assert verified.status_code == 200, verified.text
    assert verified.json()["included"] is True
    assert verified.json()["committed_set_intact"] is True
    assert verified.json()["tally_matches"] is True

    record = json.loads(base64.urlsafe_b64decode(ballot["receipt"] + "=="))
    record["allocation"] = [[1, "600"]]  # claim it was a vote against
    forged = base64.urlsafe_b64encode(json.dumps(record).encode()).decode().rstrip("=")
    tampered = await governance.get(
        f"/proposals/{proposal['id']}/ballots/verify", priya, receipt=forged
    )
    assert tampered.status_code == 200
    assert tampered.json()["included"] is False
    assert tampered.json()["proof"] == []

    pdf = await governance.get(f"/proposals/{proposal['id']}/results/pdf", asha)
    assert pdf.status_code == 200, pdf.text
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.content.startswith(b"%PDF")

    published = (await governance.get(f"/proposals/{proposal['id']}/ballots", asha)).json()
    assert sorted((b["holder_name"], b["weight"]) for b in published["items"]) == [
        ("Asha", "100"),
        ("Priya", "600"),
        ("Ravi", "300"),
    ]
    async with governance.container.session_factory() as session:
        templates = set(await session.scalars(text("SELECT template FROM notification_outbox")))
    assert {"governance.proposal_opened", "governance.proposal_result"} <= templates


async def test_a_ballot_changed_after_close_breaks_the_commitment(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    proposal = await governance.proposal(acme, quorum="0.1")
    governance.advance(1)
    cast = (await governance.vote(proposal, acme.holders["Ravi"], choices=[1])).json()
    await governance.vote(proposal, acme.holders["Priya"], choices=[0])
    governance.advance(60)
    await governance.sweep()
    async with governance.container.session_factory() as session:
        await session.execute(
            text("UPDATE governance_ballot_allocations SET option = 0 WHERE ballot_id = :id"),
            {"id": cast["id"]},
        )
        await session.commit()
    verified = (
        await governance.get(
            f"/proposals/{proposal['id']}/ballots/verify",
            acme.holders["Ravi"],
            receipt=cast["receipt"],
        )
    ).json()
    assert verified["included"] is False
    assert verified["committed_set_intact"] is False
    assert verified["tally_matches"] is False


async def test_a_receipt_is_proved_from_the_tree_stored_at_close(governance: Governance) -> None:
    names = ["Priya", "Ravi", "Asha", "Mei", "Omar"]
    acme = await governance.company({n: str(100 * (i + 1)) for i, n in enumerate(names)})
    proposal = await governance.proposal(acme, quorum="0.1")
    governance.advance(1)
    cast = {
        n: (await governance.vote(proposal, acme.holders[n], choices=[i % 3])).json()
        for i, n in enumerate(names)
    }
    governance.advance(60)
    await governance.sweep()
    # levels of 5, 3, 2 and 1 nodes, each one run of its nodes
    assert await governance.count("governance_merkle_chunks") == 4

    async def verify(name: str) -> dict[str, object]:
        answer = await governance.get(
            f"/proposals/{proposal['id']}/ballots/verify",
            acme.holders[name],
            receipt=cast[name]["receipt"],
        )
        assert answer.status_code == 200, answer.text
        return dict(answer.json())

    # the leaves are sorted: positions 0 to 4
    leaves = sorted((BallotRecord.from_receipt(c["receipt"]).leaf(), n) for n, c in cast.items())
    first, last = leaves[0][1], leaves[4][1]

    proved = await verify(first)
    assert proved["included"] is True
    assert proved["committed_set_intact"] is True
    assert proved["proof"]  # siblings up to the published root

    async with governance.container.session_factory() as session:
        await session.execute(
            text(
                "UPDATE governance_merkle_chunks SET hashes = overlay(hashes placing"
                " sha256(substring(hashes from 33 for 32)) from 33 for 32)"
                " WHERE proposal_id = :p AND level = 0"
            ),
            {"p": proposal["id"]},
        )
        await session.commit()
    altered = await verify(
        first
    )  # its sibling (position 1) changed: the path no longer reaches the root
    assert altered["included"] is False
    assert altered["committed_set_intact"] is False

    assert (await verify(last))["included"] is True  # a path the altered node is not on
    async with governance.container.session_factory() as session:
        await session.execute(
            text("UPDATE governance_ballots SET revision = 2 WHERE id = :id"),
            {"id": cast[last]["id"]},
        )
        await session.commit()
    changed = await verify(last)
    assert changed["included"] is False
    assert changed["committed_set_intact"] is False
