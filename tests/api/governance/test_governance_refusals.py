"""Bad input answers a clear 4xx problem+json with a stable code and writes nothing: a ballot
by a non-holder, outside the voting period, a second one where changes are not allowed, options
that do not exist; a proposal by a holder under the proposer threshold or with bad rules; a
delegation in a cycle. Who may do what: only the issuer's holders and admins see its proposals,
only admins cancel, queue and execute."""

from __future__ import annotations

from typing import Any

import pytest

from tests.api.governance.conftest import Company, Governance
from tests.support.accounts import assert_problem

WRITES = (
    "governance_ballots",
    "governance_ballot_allocations",
    "governance_proposals",
    "governance_delegations",
    "audit_log",
)


async def counts(governance: Governance) -> dict[str, int]:
    return {t: await governance.count(t) for t in WRITES}


async def opened(governance: Governance, company: Company, **rules: Any) -> dict[str, Any]:
    proposal = await governance.proposal(company, quorum="0.1", **rules)
    governance.advance(1)
    await governance.sweep()
    return proposal


async def test_a_user_who_is_not_a_holder_neither_sees_nor_votes(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600"})
    proposal = await opened(governance, acme)
    outsider = await governance.captable.accounts.register()
    before = await counts(governance)
    assert_problem(
        await governance.vote(proposal, outsider, choices=[0]), 404, "proposal_not_found"
    )
    assert_problem(
        await governance.get(f"/proposals/{proposal['id']}", outsider), 404, "proposal_not_found"
    )
    assert_problem(
        await governance.get(f"/issuers/{acme.issuer.id}/proposals", outsider),
        404,
        "issuer_not_found",
    )
    assert await counts(governance) == before


async def test_the_admin_who_holds_nothing_has_no_vote(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600"})
    proposal = await opened(governance, acme)
    refused = await governance.vote(proposal, acme.admin, choices=[0])
    assert_problem(refused, 422, "no_voting_power")
    assert await governance.count("governance_ballots") == 0


async def test_no_ballot_after_the_deadline(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    proposal = await opened(governance, acme)
    governance.advance(59)  # now == deadline: still active (Governor: deadline >= now)
    assert (await governance.vote(proposal, acme.holders["Priya"], choices=[0])).status_code == 200
    governance.advance(1)
    refused = await governance.vote(proposal, acme.holders["Ravi"], choices=[0])
    assert_problem(refused, 409, "proposal_not_active")
    assert await governance.count("governance_ballots") == 1


async def test_a_second_ballot_is_refused_unless_changes_are_allowed(
    governance: Governance,
) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "400"})
    priya = acme.holders["Priya"]
    fixed = await opened(governance, acme)
    assert (await governance.vote(fixed, priya, choices=[0])).status_code == 200
    before = await counts(governance)
    assert_problem(await governance.vote(fixed, priya, choices=[1]), 409, "ballot_already_cast")
    assert await counts(governance) == before

    changeable = await opened(governance, acme, allow_changes=True)
    first = (await governance.vote(changeable, priya, choices=[0])).json()
    second = await governance.vote(changeable, priya, choices=[1], reason="Changed my mind")
    assert second.status_code == 200
    assert (second.json()["id"], second.json()["revision"]) == (first["id"], 2)
    assert second.json()["receipt"] != first["receipt"]
    tally = (await governance.get(f"/proposals/{changeable['id']}", priya)).json()["tally"]
    assert tally == {"by_option": ["0", "600", "0"], "participation": "600", "ballots": 1}


@pytest.mark.parametrize(
    ("kind", "options", "body"),
    [
        ("for_against_abstain", [], {"choices": [3]}),
        ("for_against_abstain", [], {"choices": [0, 1]}),
        ("for_against_abstain", [], {"choices": []}),
        ("single_choice", ["A", "B"], {"choices": [2]}),
        ("approval", ["A", "B", "C"], {"choices": [0, 0]}),
        ("weighted", ["A", "B"], {"shares": [{"option": 0, "share": "0.5"}]}),
        ("weighted", ["A", "B"], {"shares": [{"option": 5, "share": "1"}]}),
    ],
)
async def test_options_that_do_not_exist_or_do_not_fit_are_refused(
    governance: Governance, kind: str, options: list[str], body: dict[str, Any]
) -> None:
    acme = await governance.company({"Priya": "600"})
    proposal = await opened(governance, acme, kind=kind, options=options)
    before = await counts(governance)
    refused = await governance.vote(proposal, acme.holders["Priya"], **body)
    problem = assert_problem(refused, 422, "unknown_option")
    assert refused.headers["content-type"] == "application/problem+json"
    assert problem["errors"][0]["field"] in {"body.choices", "body.shares"}
    assert await counts(governance) == before


async def test_a_holder_under_the_proposer_threshold_cannot_propose(
    governance: Governance,
) -> None:
    acme = await governance.company({"Priya": "600", "Ravi": "50"})
    threshold = await governance.client.put(
        f"/api/v1/governance/issuers/{acme.issuer.id}/proposer-threshold",
        headers=acme.admin.headers,
        json={"proposer_threshold": "100"},
    )
    assert threshold.status_code == 200, threshold.text
    before = await counts(governance)
    refused = await governance.propose(acme, acme.holders["Ravi"])
    assert_problem(refused, 422, "below_proposer_threshold")
    assert await counts(governance) == before
    assert (await governance.propose(acme, acme.holders["Priya"])).status_code == 201


async def test_bad_rules_are_refused_naming_each_field(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600"})
    before = await counts(governance)
    refused = await governance.propose(
        acme, kind="single_choice", options=["Only one"], pass_threshold="0.3"
    )
    problem = assert_problem(refused, 422, "invalid_proposal")
    assert {e["field"] for e in problem["errors"]} == {"body.options", "body.pass_threshold"}
    assert await counts(governance) == before


async def test_rules_of_the_wrong_json_type_are_refused_not_coerced(
    governance: Governance,
) -> None:
    """0 is not false and "60" is not 60: a client that sends them gets told, not guessed at
    (schemathesis found ``"anonymous": 0`` accepted as a private ballot setting)."""
    acme = await governance.company({"Priya": "600"})
    before = await counts(governance)
    refused = await governance.propose(
        acme, anonymous=0, allow_changes="true", voting_delay_seconds="60"
    )
    problem = assert_problem(refused, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {
        "body.anonymous",
        "body.allow_changes",
        "body.voting_delay_seconds",
    }
    assert await counts(governance) == before


async def test_a_delegation_in_a_cycle_is_refused(governance: Governance) -> None:
    acme = await governance.company({"A": "10", "B": "20", "C": "30"})
    path = f"/api/v1/governance/issuers/{acme.issuer.id}/delegation/me"

    async def delegate(who: str, to: str) -> Any:
        return await governance.client.put(
            path, headers=acme.holders[who].headers, json={"delegate_id": acme.stakeholder(to)}
        )

    assert (await delegate("A", "B")).status_code == 200
    assert (await delegate("B", "C")).status_code == 200
    before = await counts(governance)
    problem = assert_problem(await delegate("C", "A"), 422, "delegation_cycle")
    assert [e["field"] for e in problem["errors"]] == ["body.delegate_id"]
    assert_problem(await delegate("C", "C"), 422, "delegation_cycle")
    unknown = await governance.client.put(
        path,
        headers=acme.holders["C"].headers,
        json={"delegate_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c"},
    )
    assert_problem(unknown, 422, "unknown_delegate")
    assert await counts(governance) == before


async def test_only_admins_cancel_queue_and_execute(governance: Governance) -> None:
    acme = await governance.company({"Priya": "600"})
    proposal = await governance.proposal(acme)
    for step in ("cancel", "queue"):
        refused = await governance.post(
            f"/proposals/{proposal['id']}/{step}", acme.holders["Priya"]
        )
        assert_problem(refused, 403, "permission_denied")
    refused = await governance.post(
        f"/proposals/{proposal['id']}/execute", acme.holders["Priya"], {"board_action": "x"}
    )
    assert_problem(refused, 403, "permission_denied")
    canceled = await governance.post(f"/proposals/{proposal['id']}/cancel", acme.admin)
    assert canceled.json()["state"] == "canceled"
    again = await governance.post(f"/proposals/{proposal['id']}/cancel", acme.admin)
    assert_problem(again, 409, "proposal_state_invalid")
    governance.advance(1)
    assert_problem(
        await governance.vote(proposal, acme.holders["Priya"], choices=[0]),
        409,
        "proposal_not_active",
    )
