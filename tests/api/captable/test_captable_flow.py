"""A company's cap table end to end: classes, stakeholders, numbered certificates, the
summary and the shareholder list with largest-remainder percentages, idempotent issuance,
every refused field at once with nothing written, and the public verification."""

from __future__ import annotations

from decimal import Decimal

from tests.api.captable.conftest import CapTable
from tests.support.accounts import assert_problem


async def test_issuances_number_certificates_and_percentages_sum_to_a_hundred(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme, "CS")
    await captable.share_class(acme, "PA", class_type="preferred", conversion_ratio="2")
    for name in ("Alice", "Bob", "Carol"):
        await captable.stakeholder(acme, name)
    a = await captable.issue(acme, "Alice", "100")
    b = await captable.issue(acme, "Bob", "100")
    c = await captable.issue(acme, "Carol", "100", prefix="PA")
    assert [a["certificate_number"], b["certificate_number"], c["certificate_number"]] == [
        "CS-0001",
        "CS-0002",
        "PA-0001",
    ]
    holders = await captable.get(f"{acme.path}/holders", acme.admin)
    assert holders.status_code == 200, holders.text
    rows = {r["legal_name"]: r for r in holders.json()["items"]}
    assert [rows[n]["outstanding_percent"] for n in ("Alice", "Bob", "Carol")] == [
        "33.34",
        "33.33",
        "33.33",
    ]
    # fully diluted counts Carol's preferred as 200 common: 100/400, 100/400, 200/400
    assert [rows[n]["fully_diluted_percent"] for n in ("Alice", "Bob", "Carol")] == [
        "25.00",
        "25.00",
        "50.00",
    ]
    summary = (await captable.get(f"{acme.path}/summary", acme.admin)).json()
    assert (summary["outstanding"], summary["fully_diluted"]) == ("300", "400")
    assert summary["event_sequence"] == 3
    assert sum(Decimal(r["outstanding_percent"]) for r in rows.values()) == 100


async def test_a_retried_issuance_issues_once(captable: CapTable) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    holder = await captable.stakeholder(acme, "Alice")
    body = {
        "stakeholder_id": holder,
        "stock_class_id": acme.classes["CS"],
        "quantity": "500",
        "date": "2026-01-15",
    }
    first = await captable.event(acme, "issuances", body, key="issue-once")
    again = await captable.event(acme, "issuances", body, key="issue-once")
    assert first.status_code == again.status_code == 201
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    securities = await captable.get(f"{acme.path}/securities", acme.admin)
    assert len(securities.json()["items"]) == 1
    unkeyed = await captable.client.post(
        f"{acme.path}/issuances", headers=acme.admin.headers, json=body
    )
    assert_problem(unkeyed, 400, "idempotency_key_required")


async def test_issuing_past_the_authorized_shares_is_refused_and_an_adjustment_allows_it(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme, authorized="1000")
    holder = await captable.stakeholder(acme, "Alice")
    await captable.issue(acme, "Alice", "900")
    body = {
        "stakeholder_id": holder,
        "stock_class_id": klass,
        "quantity": "200",
        "date": "2026-01-15",
    }
    refused = await captable.event(acme, "issuances", body)
    problem = assert_problem(refused, 422, "exceeds_authorized_shares")
    assert [e["field"] for e in problem["errors"]] == ["body.quantity"]
    adjusted = await captable.event(
        acme,
        f"share-classes/{klass}/authorized-shares-adjustments",
        {
            "new_shares_authorized": "2000",
            "board_approval_date": "2026-01-10",
            "stockholder_approval_date": "2026-01-12",
            "date": "2026-01-15",
        },
    )
    assert adjusted.status_code == 201, adjusted.text
    assert (await captable.event(acme, "issuances", body)).status_code == 201
    classes = (await captable.get(f"{acme.path}/share-classes", acme.admin)).json()["items"]
    assert (classes[0]["initial_shares_authorized"], classes[0]["authorized_shares"]) == (
        "1000",
        "2000",
    )


async def test_every_refused_field_is_named_at_once_and_nothing_is_written(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme)
    shape = await captable.event(
        acme,
        "issuances",
        {"stakeholder_id": "not-a-uuid", "stock_class_id": klass, "quantity": "-3", "date": "x"},
    )
    problem = assert_problem(shape, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {
        "body.stakeholder_id",
        "body.quantity",
        "body.date",
    }
    rules = await captable.event(
        acme,
        "issuances",
        {
            "stakeholder_id": "0193a2c4-3b4c-7c3b-9a10-5d7e8f9a0b1c",
            "stock_class_id": klass,
            "quantity": "10.5",
            "date": "2099-01-01",
            "share_price": "0.00000000001",  # 11 places: a price per share keeps at most 10
        },
    )
    problem = assert_problem(rules, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {
        "body.stakeholder_id",
        "body.quantity",
        "body.date",
        "body.share_price",
    }
    events = await captable.get(f"{acme.path}/events", acme.admin)
    assert events.json() == {"items": [], "next_cursor": None}


async def test_a_partial_cancellation_leaves_a_balance_and_the_lineage_shows_it(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    first = await captable.issue(acme, "Alice", "100")
    cancelled = await captable.event(
        acme,
        "cancellations",
        {"security_id": first["id"], "quantity": "40", "date": "2026-02-01", "reason_text": "x"},
    )
    assert cancelled.status_code == 201, cancelled.text
    (balance,) = cancelled.json()["resulting_securities"]
    assert (balance["quantity"], balance["certificate_number"]) == ("60", "CS-0002")
    again = await captable.event(
        acme,
        "cancellations",
        {"security_id": first["id"], "quantity": "10", "date": "2026-02-01", "reason_text": "x"},
    )
    assert_problem(again, 409, "security_not_outstanding")
    lineage = await captable.get(f"{acme.path}/securities/{balance['id']}/lineage", acme.admin)
    assert [s["certificate_number"] for s in lineage.json()["ancestors"]] == ["CS-0001"]
    assert lineage.json()["ancestors"][0]["status"] == "cancelled"


async def test_the_public_verification_confirms_the_certificate_without_the_holder(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice Holder")
    security = await captable.issue(acme, "Alice Holder", "1000")
    response = await captable.client.get(f"/api/v1/certificates/{security['id']}/verify")
    assert response.status_code == 200, response.text
    assert response.json() == {
        "certificate_number": "CS-0001",
        "class_name": "CS Stock",
        "quantity": "1000",
        "status": "outstanding",
        "issue_date": "2026-01-15",
        "issuer_name": "Acme Robotics, Inc.",
    }
    assert "Alice" not in response.text
    unknown = await captable.client.get(
        "/api/v1/certificates/0193a2c4-4c5d-7c3b-9a10-5d7e8f9a0b1c/verify"
    )
    assert_problem(unknown, 404, "security_not_found")


async def test_a_boolean_is_not_a_number_of_days_and_a_number_is_not_a_yes_or_no(
    captable: CapTable,
) -> None:
    root = await captable.root()
    issuer = await captable.client.post(
        "/api/v1/captable/issuers",
        headers=root.headers,
        json={
            "legal_name": "Strict Types, Inc.",
            "formation_date": "2021-03-04",
            "country_of_formation": "US",
            "currency": "USD",
            "rofr_window_days": False,
        },
    )
    problem = assert_problem(issuer, 422, "validation_failed")
    assert [e["field"] for e in problem["errors"]] == ["body.rofr_window_days"]
    acme = await captable.issuer()
    klass = await captable.client.post(
        f"{acme.path}/share-classes",
        headers=acme.admin.headers,
        json={
            "name": "Common Stock",
            "class_type": "common",
            "certificate_prefix": "CS",
            "initial_shares_authorized": "1000",
            "allows_fractions": 0,
            "participating": 1,
            "seniority": True,
        },
    )
    problem = assert_problem(klass, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {
        "body.allows_fractions",
        "body.participating",
        "body.seniority",
    }
