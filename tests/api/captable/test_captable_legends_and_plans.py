"""Stock legend templates and stock plans: a company admin adds them, readers list them; an
issuance names legends, which its certificate (and what the certificate becomes) prints; a
plan's reserve counts in the fully diluted view."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.api.captable.conftest import CapTable
from tests.support.accounts import assert_problem
from usecases.captable.ownership.download_certificate import DownloadCertificateHandler

LEGEND = "THE SHARES HAVE NOT BEEN REGISTERED UNDER THE SECURITIES ACT OF 1933."
ROFR = "THE SHARES ARE SUBJECT TO A RIGHT OF FIRST REFUSAL IN FAVOUR OF THE COMPANY."


def printed_sheets(app: FastAPI) -> list[Any]:
    """The sheets the certificate downloads hand to the renderer, from now on."""
    sheets: list[Any] = []

    class Renderer:
        async def certificate(self, sheet: Any) -> bytes:
            sheets.append(sheet)
            return b"%PDF-1.7 " + sheet.certificate_number.encode()

    registry = app.state.handlers
    original = registry.resolve

    def resolve(kind):  # type: ignore[no-untyped-def]
        handler = original(kind)
        if isinstance(handler, DownloadCertificateHandler):
            handler._renderer = Renderer()  # type: ignore[assignment]
        return handler

    registry.resolve = resolve
    return sheets


async def test_an_issuances_legends_print_on_its_certificate_and_on_what_it_becomes(
    captable: CapTable, app: FastAPI
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme)
    alice = await captable.stakeholder(acme, "Alice")
    bob = await captable.stakeholder(acme, "Bob")
    ids = []
    for name, text in (("1933 Act", LEGEND), ("ROFR", ROFR)):
        created = await captable.client.post(
            f"{acme.path}/stock-legends",
            headers=acme.admin.headers,
            json={"name": name, "text": text, "comments": ["house form"]},
        )
        assert created.status_code == 201, created.text
        assert (created.json()["name"], created.json()["comments"]) == (name, ["house form"])
        ids.append(created.json()["id"])
    listed = await captable.get(f"{acme.path}/stock-legends", acme.admin)
    assert [legend["id"] for legend in listed.json()["items"]] == ids
    assert listed.json()["next_cursor"] is None

    issued = await captable.event(
        acme,
        "issuances",
        {
            "stakeholder_id": alice,
            "stock_class_id": klass,
            "quantity": "100",
            "date": "2026-01-15",
            "stock_legend_ids": [ids[1], ids[0]],
        },
    )
    assert issued.status_code == 201, issued.text
    certificate = issued.json()["resulting_securities"][0]
    assert certificate["stock_legend_ids"] == [ids[1], ids[0]]
    moved = await captable.event(
        acme,
        "cancellations",
        {
            "security_id": certificate["id"],
            "quantity": "40",
            "date": "2026-01-16",
            "reason_text": "Returned",
        },
    )
    assert moved.status_code == 201, moved.text
    balance = moved.json()["resulting_securities"][0]
    assert balance["stock_legend_ids"] == [ids[1], ids[0]]
    plain = await captable.event(
        acme,
        "issuances",
        {"stakeholder_id": bob, "stock_class_id": klass, "quantity": "5", "date": "2026-01-16"},
    )

    sheets = printed_sheets(app)
    for security in (certificate, balance, plain.json()["resulting_securities"][0]):
        pdf = await captable.get(f"/api/v1/captable/certificates/{security['id']}/pdf", acme.admin)
        assert pdf.status_code == 200, pdf.text
    assert [s.legends for s in sheets] == [(ROFR, LEGEND), (ROFR, LEGEND), ()]


async def test_an_unknown_or_another_issuers_legend_is_refused_naming_it(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    other = await captable.issuer("Other, Inc.")
    klass = await captable.share_class(acme)
    alice = await captable.stakeholder(acme, "Alice")
    theirs = await captable.client.post(
        f"{other.path}/stock-legends",
        headers=other.admin.headers,
        json={"name": "Theirs", "text": LEGEND},
    )
    refused = await captable.event(
        acme,
        "issuances",
        {
            "stakeholder_id": alice,
            "stock_class_id": klass,
            "quantity": "100",
            "date": "2026-01-15",
            "stock_legend_ids": [theirs.json()["id"]],
        },
    )
    problem = assert_problem(refused, 422, "unknown_reference")
    assert problem["errors"][0]["field"] == "body.stock_legend_ids.0"
    # another issuer's admin neither sees nor adds this issuer's legends
    assert_problem(
        await captable.get(f"{acme.path}/stock-legends", other.admin), 404, "issuer_not_found"
    )
    blank = await captable.client.post(
        f"{acme.path}/stock-legends", headers=acme.admin.headers, json={"name": "x", "text": " "}
    )
    problem = assert_problem(blank, 422, "validation_failed")
    assert problem["errors"][0]["field"] == "body.text"


async def test_a_stock_plans_reserve_counts_in_the_fully_diluted_summary(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    klass = await captable.share_class(acme)
    await captable.stakeholder(acme, "Alice")
    await captable.issue(acme, "Alice", "9000")
    created = await captable.client.post(
        f"{acme.path}/stock-plans",
        headers=acme.admin.headers,
        json={
            "plan_name": "2026 Stock Incentive Plan",
            "initial_shares_reserved": "1000",
            "stock_class_ids": [klass],
            "board_approval_date": "2026-02-01",
            "default_cancellation_behavior": "RETURN_TO_POOL",
        },
    )
    assert created.status_code == 201, created.text
    listed = await captable.get(f"{acme.path}/stock-plans", acme.admin)
    assert [(p["plan_name"], p["initial_shares_reserved"]) for p in listed.json()["items"]] == [
        ("2026 Stock Incentive Plan", "1000")
    ]
    summary = (await captable.get(f"{acme.path}/summary", acme.admin)).json()
    assert (summary["outstanding"], summary["plan_reserved"], summary["fully_diluted"]) == (
        "9000",
        "1000",
        "10000",
    )
    # before the board approved the plan, its reserve was not there
    before = (await captable.get(f"{acme.path}/summary", acme.admin, as_of="2026-01-31")).json()
    assert (before["plan_reserved"], before["fully_diluted"]) == ("0", "9000")
    unknown = await captable.client.post(
        f"{acme.path}/stock-plans",
        headers=acme.admin.headers,
        json={
            "plan_name": "Bad",
            "initial_shares_reserved": "1",
            "stock_class_ids": ["0193a2c4-0000-7c3b-9a10-5d7e8f9a0b1c"],
        },
    )
    problem = assert_problem(unknown, 422, "unknown_reference")
    assert problem["errors"][0]["field"] == "body.stock_class_ids.0"
