"""Object-level access: a company admin of one issuer gets not-found on another's, a plain
user sees no issuer at all, a platform admin sees every one, and a shareholder sees only their
own holdings and certificates."""

from __future__ import annotations

from infrastructure.container import Container
from tests.api.captable.conftest import API, CapTable
from tests.support.accounts import assert_problem
from tests.support.outbox import latest_variables


async def test_a_company_admin_of_one_issuer_gets_not_found_on_another(
    captable: CapTable,
) -> None:
    acme = await captable.issuer("Acme, Inc.")
    globex = await captable.issuer("Globex Corp.")
    await captable.share_class(globex)
    holder = await captable.stakeholder(globex, "Hank")
    for path in ("", "/summary", "/holders", "/share-classes", "/stakeholders", "/events"):
        response = await captable.get(f"{globex.path}{path}", acme.admin)
        assert_problem(response, 404, "issuer_not_found")
    issued = await captable.event(
        globex,
        "issuances",
        {
            "stakeholder_id": holder,
            "stock_class_id": globex.classes["CS"],
            "quantity": "10",
            "date": "2026-01-15",
        },
        who=acme.admin,
    )
    assert_problem(issued, 404, "issuer_not_found")
    mine = await captable.get(f"{API}/issuers", acme.admin)
    assert [i["legal_name"] for i in mine.json()["items"]] == ["Acme, Inc."]
    root = await captable.root()
    every = await captable.get(f"{API}/issuers", root)
    assert {i["legal_name"] for i in every.json()["items"]} == {"Acme, Inc.", "Globex Corp."}


async def test_a_user_without_a_role_sees_no_issuer(captable: CapTable) -> None:
    acme = await captable.issuer()
    stranger = await captable.accounts.register()
    assert (await captable.get(f"{API}/issuers", stranger)).json()["items"] == []
    assert_problem(await captable.get(acme.path, stranger), 404, "issuer_not_found")
    created = await captable.client.post(
        f"{API}/issuers",
        headers=stranger.headers,
        json={
            "legal_name": "Mine",
            "formation_date": "2021-03-04",
            "country_of_formation": "US",
            "currency": "USD",
        },
    )
    assert_problem(created, 403, "permission_denied")


async def test_a_shareholder_sees_only_their_own_holdings_and_certificates(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Priya")
    await captable.stakeholder(acme, "Ravi")
    priya_cert = await captable.issue(acme, "Priya", "250")
    await captable.issue(acme, "Ravi", "750")
    priya = await captable.accounts.register()
    ravi = await captable.accounts.register()
    for name, user in (("Priya", priya), ("Ravi", ravi)):
        linked = await captable.client.put(
            f"{acme.path}/stakeholders/{acme.stakeholders[name]}/user",
            headers=acme.admin.headers,
            json={"user_code": user.user["code"]},
        )
        assert linked.status_code == 200, linked.text
        assert linked.json()["linked_to_user"] is True
    holdings = (await captable.get(f"{API}/me/holdings", priya)).json()["items"]
    assert [(h["issuer_name"], h["quantity"]) for h in holdings] == [("Acme Robotics, Inc.", "250")]
    certificates = (await captable.get(f"{API}/me/certificates", priya)).json()["items"]
    assert [c["id"] for c in certificates] == [priya_cert["id"]]
    assert_problem(await captable.get(f"{acme.path}/holders", priya), 404, "issuer_not_found")
    theirs = await captable.get(f"{API}/certificates/{priya_cert['id']}/pdf", ravi)
    assert_problem(theirs, 404, "security_not_found")
    nobody = await captable.accounts.register()
    assert (await captable.get(f"{API}/me/holdings", nobody)).json()["items"] == []


async def test_a_user_is_linked_to_one_stakeholder_of_an_issuer(captable: CapTable) -> None:
    acme = await captable.issuer()
    first = await captable.stakeholder(acme, "Priya")
    second = await captable.stakeholder(acme, "Priya again")
    priya = await captable.accounts.register()
    body = {"user_code": priya.user["code"]}
    path = f"{acme.path}/stakeholders"
    ok = await captable.client.put(f"{path}/{first}/user", headers=acme.admin.headers, json=body)
    assert ok.status_code == 200, ok.text
    twice = await captable.client.put(
        f"{path}/{second}/user", headers=acme.admin.headers, json=body
    )
    problem = assert_problem(twice, 409, "stakeholder_already_linked")
    assert [e["field"] for e in problem["errors"]] == ["body.user_code"]
    unknown = await captable.client.put(
        f"{path}/{second}/user", headers=acme.admin.headers, json={"user_code": "USR-ZZZZZZ"}
    )
    problem = assert_problem(unknown, 422, "validation_failed")
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [
        ("body.user_code", "unknown_user")
    ]


async def test_a_linked_holder_is_told_of_the_link_and_of_shares_issued_to_them(
    captable: CapTable, container: Container
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    stakeholder = await captable.stakeholder(acme, "Priya")
    priya = await captable.accounts.register()
    linked = await captable.client.put(
        f"{acme.path}/stakeholders/{stakeholder}/user",
        headers=acme.admin.headers,
        json={"user_code": priya.user["code"]},
    )
    assert linked.status_code == 200, linked.text
    told = await latest_variables(
        container.engine, template="captable.stakeholder_linked", to=priya.email
    )
    assert told["issuer"] == "Acme Robotics, Inc."
    await captable.issue(acme, "Priya", "1200")
    issued = await latest_variables(
        container.engine, template="captable.shares_issued", to=priya.email
    )
    assert (issued["certificate"], issued["quantity"]) == ("CS-0001", "1200")
