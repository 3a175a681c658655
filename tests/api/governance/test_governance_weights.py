"""Weights come from the snapshot taken when voting opens: holdings x votes per share of each
class; shares transferred and delegations changed after it do not change them; delegation
chains put each vote with the chain's end once, own and delegated shown apart. The kinds of
proposal count their ballots their own way; hidden tallies and anonymous ballots stay so."""

from __future__ import annotations

from typing import Any

import httpx

from tests.api.captable.transfer_support import Transfers
from tests.api.governance.conftest import API, Company, Governance
from tests.support.accounts import assert_problem


async def opened(governance: Governance, company: Company, **rules: Any) -> dict[str, Any]:
    proposal = await governance.proposal(company, quorum="0.1", **rules)
    governance.advance(1)
    await governance.sweep()
    return proposal


async def test_each_class_votes_with_its_votes_per_share(governance: Governance) -> None:
    acme = await governance.company({"Priya": "100"}, preferred={"Fund": "50"})
    proposal = await opened(governance, acme)
    assert proposal["id"]
    fund = (await governance.vote(proposal, acme.holders["Fund"], choices=[1])).json()
    assert fund["weight"] == "500"
    body = (await governance.get(f"/proposals/{proposal['id']}", acme.admin)).json()
    assert body["snapshot_total"] == "600"


async def test_shares_transferred_after_the_snapshot_do_not_change_weights(
    governance: Governance,
) -> None:
    transfers = Transfers(governance.captable, governance.container)
    buyer = await governance.captable.accounts.register()
    deal = await transfers.deal(shares="1000", buyer=buyer)
    company = Company(deal.issuer, {"Sam Seller": deal.seller, "Bea Buyer": buyer})
    proposal = await opened(governance, company)

    transfer_id = await transfers.approved(deal, "400")
    done = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert done.status_code == 200, done.text

    seller = (await governance.vote(proposal, deal.seller, choices=[0])).json()
    assert seller["weight"] == "1000"  # the snapshot's, not the 600 held now
    assert_problem(await governance.vote(proposal, buyer, choices=[1]), 422, "no_voting_power")

    power = await governance.get(
        f"/issuers/{deal.issuer.id}/voting-power/me", deal.seller, proposal_id=proposal["id"]
    )
    assert power.json()["own_now"] == "600"
    assert power.json()["at_snapshot"]["own"] == "1000"

    later = await opened(governance, company)
    assert (await governance.vote(later, buyer, choices=[1])).json()["weight"] == "400"
    assert (await governance.vote(later, deal.seller, choices=[0])).json()["weight"] == "600"


def own_and_delegated(response: httpx.Response) -> tuple[str, str]:
    assert response.status_code == 200, response.text
    body = response.json()
    return body["own_weight"], body["delegated_weight"]


async def test_the_snapshot_is_the_power_at_the_start_whenever_the_worker_takes_it(
    governance: Governance,
) -> None:
    """Shares transferred and a delegation made after the voting start, but before the worker
    (or a ballot) opened the proposal, do not count: the snapshot is as of the start."""
    transfers = Transfers(governance.captable, governance.container)
    buyer = await governance.captable.accounts.register()
    deal = await transfers.deal(shares="1000", buyer=buyer)
    company = Company(deal.issuer, {"Sam Seller": deal.seller, "Bea Buyer": buyer})
    transfer_id = await transfers.approved(deal, "400")
    proposal = await governance.proposal(company, quorum="0.1")  # voting starts now
    other = await governance.proposal(company, quorum="0.1")

    governance.advance(5)  # past the start, before any sweep
    done = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert done.status_code == 200, done.text
    delegated = await governance.client.put(
        f"{API}/issuers/{deal.issuer.id}/delegation/me",
        headers=deal.seller.headers,
        json={"delegate_id": deal.buyer_id},
    )
    assert delegated.status_code == 200, delegated.text
    governance.advance(20)

    # one opened by its first ballot, the other by the worker
    first = await governance.vote(other, deal.seller, choices=[0])
    assert own_and_delegated(first) == ("1000", "0")
    await governance.sweep()
    seller = await governance.vote(proposal, deal.seller, choices=[0])
    assert own_and_delegated(seller) == ("1000", "0")
    for opened_one in (proposal, other):
        refused = await governance.vote(opened_one, buyer, choices=[1])
        assert_problem(refused, 422, "no_voting_power")
        body = (await governance.get(f"/proposals/{opened_one['id']}", deal.issuer.admin)).json()
        assert body["snapshot_total"] == "1000"

    # the next proposal's snapshot sees both
    later = await governance.proposal(company, quorum="0.1")
    governance.advance(1)
    bea = await governance.vote(later, buyer, choices=[1])
    assert own_and_delegated(bea) == ("400", "600")


async def test_a_delegation_chain_counts_every_vote_once_from_the_next_snapshot(
    governance: Governance,
) -> None:
    acme = await governance.company({"A": "10", "B": "20", "C": "30", "D": "40"})
    path = f"{API}/issuers/{acme.issuer.id}/delegation/me"
    early = await opened(governance, acme)

    for who, to in (("A", "B"), ("B", "C")):
        response = await governance.client.put(
            path, headers=acme.holders[who].headers, json={"delegate_id": acme.stakeholder(to)}
        )
        assert response.status_code == 200, response.text
    # the proposal already open keeps its snapshot
    assert (await governance.vote(early, acme.holders["A"], choices=[0])).json()["weight"] == "10"

    later = await opened(governance, acme)
    c = (await governance.vote(later, acme.holders["C"], choices=[0])).json()
    assert (c["own_weight"], c["delegated_weight"], c["weight"]) == ("30", "30", "60")
    assert_problem(
        await governance.vote(later, acme.holders["A"], choices=[0]), 422, "no_voting_power"
    )
    assert_problem(
        await governance.vote(later, acme.holders["B"], choices=[1]), 422, "no_voting_power"
    )
    await governance.vote(later, acme.holders["D"], choices=[1])
    body = (await governance.get(f"/proposals/{later['id']}", acme.admin)).json()
    assert body["snapshot_total"] == "100"
    assert body["tally"]["by_option"] == ["60", "40", "0"]
    power = await governance.get(
        f"/issuers/{acme.issuer.id}/voting-power/me", acme.holders["A"], proposal_id=later["id"]
    )
    assert power.json()["delegated_to_now"] == acme.stakeholder("C")
    assert power.json()["at_snapshot"]["votes"] == "0"

    back = await governance.client.put(
        path, headers=acme.holders["A"].headers, json={"delegate_id": None}
    )
    assert back.json()["delegated_to_now"] is None


async def test_approval_and_weighted_ballots(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    approval = await opened(governance, acme, kind="approval", options=["A", "B", "C"])
    await governance.vote(approval, acme.holders["Priya"], choices=[0, 1])
    await governance.vote(approval, acme.holders["Ravi"], choices=[1])
    tally = (await governance.get(f"/proposals/{approval['id']}", acme.admin)).json()["tally"]
    assert tally["by_option"] == ["600", "1000", "0"]

    weighted = await opened(governance, acme, kind="weighted", options=["A", "B"])
    shares = [{"option": 0, "share": "0.25"}, {"option": 1, "share": "0.75"}]
    await governance.vote(weighted, acme.holders["Priya"], shares=shares)
    await governance.vote(weighted, acme.holders["Ravi"], shares=[{"option": 0, "share": "1"}])
    governance.advance(60)
    await governance.sweep()
    body = (await governance.get(f"/proposals/{weighted['id']}", acme.admin)).json()
    assert body["tally"]["by_option"] == ["550", "450"]
    assert body["state"] == "succeeded"
    assert body["outcome"]["winner"] == 0


async def test_a_hidden_tally_and_anonymous_ballots(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    proposal = await opened(governance, acme, hide_results=True, anonymous=True)
    await governance.vote(proposal, acme.holders["Priya"], choices=[0], reason="Because")
    seen = (await governance.get(f"/proposals/{proposal['id']}", acme.holders["Ravi"])).json()
    assert seen["tally"] is None
    assert seen["outcome"] is None
    admin_view = (await governance.get(f"/proposals/{proposal['id']}", acme.admin)).json()
    assert admin_view["tally"]["ballots"] == 1
    hidden = await governance.get(f"/proposals/{proposal['id']}/ballots", acme.holders["Ravi"])
    assert_problem(hidden, 422, "results_hidden")
    governance.advance(60)
    await governance.sweep()
    after = (await governance.get(f"/proposals/{proposal['id']}", acme.holders["Ravi"])).json()
    assert after["tally"]["by_option"] == ["600", "0", "0"]
    ballots = (
        await governance.get(f"/proposals/{proposal['id']}/ballots", acme.holders["Ravi"])
    ).json()
    assert [(b["holder_name"], b["reason"], b["weight"]) for b in ballots["items"]] == [
        (None, None, "600")
    ]
