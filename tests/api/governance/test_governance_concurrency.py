"""200 holders vote at once, as real concurrent requests on the app: every ballot is counted
exactly once and the tally equals the sum of the weights; a holder's two racing ballots leave
one."""

from __future__ import annotations

import asyncio
from collections import Counter

from tests.api.governance.conftest import Governance
from tests.support.accounts import assert_problem

HOLDERS = 200


async def test_200_concurrent_ballots_give_an_exact_tally(governance: Governance) -> None:
    holdings = {f"Holder {i:03d}": str(i + 1) for i in range(HOLDERS)}
    acme = await governance.company(holdings)
    proposal = await governance.proposal(acme, quorum="0.1")
    governance.advance(1)  # the worker has not opened it: the first ballots do
    names = sorted(holdings)
    responses = await asyncio.gather(
        *(
            governance.vote(proposal, acme.holders[name], choices=[i % 3])
            for i, name in enumerate(names)
        )
    )
    failed = [r.text for r in responses if r.status_code != 200][:3]
    assert Counter(r.status_code for r in responses) == {200: HOLDERS}, failed
    expected = [0, 0, 0]
    for i, name in enumerate(names):
        expected[i % 3] += int(holdings[name])
    body = (await governance.get(f"/proposals/{proposal['id']}", acme.admin)).json()
    assert body["snapshot_total"] == str(HOLDERS * (HOLDERS + 1) // 2)
    assert body["tally"] == {
        "by_option": [str(x) for x in expected],
        "participation": str(sum(expected)),
        "ballots": HOLDERS,
    }
    assert await governance.count("governance_power_snapshots") == HOLDERS
    # the worker tells the holders it opened, once
    assert (await governance.sweep()).opened == 1
    assert not await governance.sweep()


async def test_one_holders_racing_ballots_leave_one(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600"})
    proposal = await governance.proposal(acme)
    governance.advance(1)
    priya = acme.holders["Priya"]
    responses = await asyncio.gather(
        *(governance.vote(proposal, priya, choices=[i % 2]) for i in range(5))
    )
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409, 409, 409, 409]
    for refused in (r for r in responses if r.status_code == 409):
        assert refused.json()["code"] in {"ballot_already_cast", "duplicate"}
    assert await governance.count("governance_ballots") == 1
    tally = (await governance.get(f"/proposals/{proposal['id']}", priya)).json()["tally"]
    assert tally["ballots"] == 1
    assert_problem(await governance.vote(proposal, priya, choices=[0]), 409, "ballot_already_cast")
