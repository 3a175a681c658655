"""The share-transfer workflow over HTTP, every step with who may take it: the seller drafts,
submits and withdraws; the issuer's company admin decides the right of first refusal, approves,
rejects and completes; anyone else is refused, and another issuer's admin or an outsider is
told the transfer does not exist."""

from __future__ import annotations

from decimal import Decimal

import pytest
from fastapi import FastAPI

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Transfers
from tests.support.accounts import assert_problem


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def test_a_transfer_runs_from_draft_to_completed_with_new_certificates(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="1000")
    admin = deal.issuer.admin
    drafted = await transfers.draft(deal, "400", "2.50")
    assert drafted.status_code == 201, drafted.text
    body = drafted.json()
    assert (body["reference"], body["status"], body["rofr"]) == ("TRF-0001", "draft", "not_started")
    assert (body["quantity"], body["price_per_share"], body["total_price"]) == (
        "400",
        "2.50",
        "1000.00",
    )
    transfer_id = body["id"]

    submitted = await transfers.step(deal, transfer_id, "submit", deal.seller)
    assert submitted.status_code == 200, submitted.text
    assert (submitted.json()["status"], submitted.json()["rofr"]) == ("pending", "open")
    assert submitted.json()["rofr_deadline"] is not None

    too_early = await transfers.step(deal, transfer_id, "approve", admin)
    assert_problem(too_early, 422, "rofr_window_open")
    waived = await transfers.step(deal, transfer_id, "rofr/waive", admin)
    assert waived.status_code == 200, waived.text
    assert waived.json()["rofr"] == "waived"
    approved = await transfers.step(deal, transfer_id, "approve", admin)
    assert approved.status_code == 200, approved.text
    assert approved.json()["status"] == "approved"
    assert approved.json()["approved_by"] == admin.user["id"]

    unkeyed = await captable.client.post(
        f"{deal.transfers}/{transfer_id}/complete", headers=admin.headers
    )
    assert_problem(unkeyed, 400, "idempotency_key_required")
    completed = await transfers.step(deal, transfer_id, "complete", admin, key="complete-1")
    assert completed.status_code == 200, completed.text
    done = completed.json()
    assert done["status"] == "completed"
    assert done["settlement"] == "off_platform"  # the buyer is no platform user
    assert (done["fee"], done["fee_payer"]) == ("25.00", "seller")  # 2.5 % of 1000.00
    assert done["journal_entry_id"] is None
    replay = await transfers.step(deal, transfer_id, "complete", admin, key="complete-1")
    assert replay.status_code == 200
    assert replay.headers["Idempotent-Replayed"] == "true"
    assert replay.json() == done

    securities = await captable.get(f"{deal.issuer.path}/securities", admin)
    by_number = {s["certificate_number"]: s for s in securities.json()["items"]}
    assert by_number["CS-0001"]["status"] == "transferred"
    assert by_number["CS-0002"]["id"] == done["buyer_security_id"]
    assert (by_number["CS-0002"]["stakeholder_id"], by_number["CS-0002"]["quantity"]) == (
        deal.buyer_id,
        "400",
    )
    assert by_number["CS-0003"]["id"] == done["balance_security_id"]
    assert (by_number["CS-0003"]["stakeholder_id"], by_number["CS-0003"]["quantity"]) == (
        deal.seller_id,
        "600",
    )
    mine = await captable.get(f"{captable_api()}/me/transfers", deal.seller)
    assert [t["id"] for t in mine.json()["items"]] == [transfer_id]
    listed = await captable.get(deal.transfers, admin, status="completed")
    assert [t["reference"] for t in listed.json()["items"]] == ["TRF-0001"]
    assert (await transfers.count("captable_share_transfers")) == 1


def captable_api() -> str:
    return "/api/v1/captable"


async def test_only_the_holder_drafts_and_the_buyer_must_be_a_stakeholder(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal()
    # another stakeholder of the issuer, linked to a platform user, who does not hold it
    other = await captable.accounts.register()
    await transfers.link(deal.issuer, deal.buyer_id, other)
    assert_problem(await transfers.draft(deal, who=other), 403, "not_the_holder")
    # the company admin is no holder either
    assert_problem(await transfers.draft(deal, who=deal.issuer.admin), 403, "not_the_holder")
    # an outsider is told the issuer does not exist
    outsider = await captable.accounts.register()
    assert_problem(await transfers.draft(deal, who=outsider), 404, "issuer_not_found")
    unknown = await transfers.draft(deal, buyer_id="0193a2c4-0000-7c3b-9a10-5d7e8f9a0b1c")
    problem = assert_problem(unknown, 422, "unknown_reference")
    assert [e["field"] for e in problem["errors"]] == ["body.buyer_id"]
    too_many = await transfers.draft(deal, "1001")
    problem = assert_problem(too_many, 422, "quantity_exceeds_security")
    assert [e["field"] for e in problem["errors"]] == ["body.quantity"]
    both = await transfers.draft(deal, "0.5", "1.00000000001")
    problem = assert_problem(both, 422, "validation_failed")
    assert {e["field"] for e in problem["errors"]} == {"body.quantity", "body.price_per_share"}
    assert await transfers.count("captable_share_transfers") == 0


async def test_only_the_seller_submits_and_withdraws(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal()
    transfer_id = await transfers.drafted(deal)
    admin = deal.issuer.admin
    assert_problem(await transfers.step(deal, transfer_id, "submit", admin), 403, "not_the_holder")
    outsider = await captable.accounts.register()
    assert_problem(
        await transfers.step(deal, transfer_id, "submit", outsider), 404, "issuer_not_found"
    )
    assert (await transfers.step(deal, transfer_id, "submit", deal.seller)).status_code == 200
    assert_problem(
        await transfers.step(deal, transfer_id, "withdraw", admin), 403, "not_the_holder"
    )
    withdrawn = await transfers.step(deal, transfer_id, "withdraw", deal.seller)
    assert withdrawn.status_code == 200, withdrawn.text
    assert withdrawn.json()["status"] == "withdrawn"
    again = await transfers.step(deal, transfer_id, "submit", deal.seller)
    assert_problem(again, 409, "transfer_state_invalid")
    # the lock ended: the whole certificate can be noticed again
    whole = await transfers.drafted(deal, "1000")
    assert (await transfers.step(deal, whole, "submit", deal.seller)).status_code == 200


async def test_only_that_issuers_admin_decides(transfers: Transfers, captable: CapTable) -> None:
    deal = await transfers.deal()
    transfer_id = await transfers.drafted(deal)
    assert (await transfers.step(deal, transfer_id, "submit", deal.seller)).status_code == 200
    other_company = await captable.issuer("Other Co")
    purchaser = {"purchaser_id": deal.buyer_id}
    reason = {"reason": "not today"}
    for step, body in (
        ("rofr/waive", None),
        ("rofr/exercise", purchaser),
        ("approve", None),
        ("reject", reason),
        ("complete", None),
    ):
        # the seller may not decide their own transfer; another issuer's admin does not see it
        seller = await transfers.step(deal, transfer_id, step, deal.seller, body)
        assert_problem(seller, 404, "issuer_not_found")
        foreign = await transfers.step(deal, transfer_id, step, other_company.admin, body)
        assert_problem(foreign, 404, "issuer_not_found")
    # a reader of the issuer without the transfer permission is refused
    reader = await captable.accounts.register()
    from tests.support.admins import grant_role

    root = await captable.root()
    await grant_role(captable.accounts, root, reader, "shareholder", f"issuer:{deal.issuer.id}")
    refused = await transfers.step(deal, transfer_id, "approve", reader)
    assert_problem(refused, 403, "permission_denied")
    seen = await transfers.get(deal, transfer_id, reader)
    assert seen.status_code == 200
    unseen = await transfers.get(deal, transfer_id, other_company.admin)
    assert_problem(unseen, 404, "issuer_not_found")
    # nor through their own issuer's path
    crossed = await captable.client.post(
        f"{other_company.path}/transfers/{transfer_id}/approve",
        headers=other_company.admin.headers,
    )
    assert_problem(crossed, 404, "transfer_not_found")
    status = (await transfers.get(deal, transfer_id, deal.issuer.admin)).json()["status"]
    assert status == "pending"


async def test_the_right_exercised_replaces_the_buyer_and_binds_the_seller(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="500")
    company = await captable.stakeholder(deal.issuer, "Acme Treasury")
    transfer_id = await transfers.drafted(deal, "500", "3.00")
    admin = deal.issuer.admin
    assert (await transfers.step(deal, transfer_id, "submit", deal.seller)).status_code == 200
    exercised = await transfers.step(
        deal, transfer_id, "rofr/exercise", admin, {"purchaser_id": company}
    )
    assert exercised.status_code == 200, exercised.text
    body = exercised.json()
    assert (body["status"], body["rofr"]) == ("rofr_exercised", "exercised")
    assert (body["buyer_id"], body["noticed_buyer_id"]) == (company, deal.buyer_id)
    assert_problem(
        await transfers.step(deal, transfer_id, "withdraw", deal.seller),
        409,
        "transfer_state_invalid",
    )
    assert_problem(
        await transfers.step(deal, transfer_id, "rofr/waive", admin), 409, "transfer_state_invalid"
    )
    assert (await transfers.step(deal, transfer_id, "approve", admin)).status_code == 200
    completed = await transfers.step(deal, transfer_id, "complete", admin)
    assert completed.status_code == 200, completed.text
    assert completed.json()["balance_security_id"] is None  # the whole certificate moved
    securities = await captable.get(f"{deal.issuer.path}/securities", admin)
    holders = {s["certificate_number"]: s["stakeholder_id"] for s in securities.json()["items"]}
    assert holders == {"CS-0001": deal.seller_id, "CS-0002": company}


async def test_a_rejection_ends_the_transfer_and_frees_the_shares(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="100")
    transfer_id = await transfers.drafted(deal, "100")
    admin = deal.issuer.admin
    assert (await transfers.step(deal, transfer_id, "submit", deal.seller)).status_code == 200
    blank = await transfers.step(deal, transfer_id, "reject", admin, {"reason": "   "})
    assert_problem(blank, 422, "validation_failed")
    rejected = await transfers.step(
        deal, transfer_id, "reject", admin, {"reason": "The buyer is a competitor"}
    )
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["status"], rejected.json()["reason"]) == (
        "rejected",
        "The buyer is a competitor",
    )
    assert_problem(
        await transfers.step(deal, transfer_id, "complete", admin), 409, "transfer_state_invalid"
    )
    again = await transfers.drafted(deal, "100")
    assert (await transfers.step(deal, again, "submit", deal.seller)).status_code == 200


async def test_submitting_more_than_is_held_and_unlocked_is_refused_naming_quantity(
    transfers: Transfers,
) -> None:
    deal = await transfers.deal(shares="100")
    first = await transfers.drafted(deal, "60")
    second = await transfers.drafted(deal, "60")
    assert (await transfers.step(deal, first, "submit", deal.seller)).status_code == 200
    refused = await transfers.step(deal, second, "submit", deal.seller)
    problem = assert_problem(refused, 422, "quantity_exceeds_available")
    assert [e["field"] for e in problem["errors"]] == ["quantity"]
    assert "40 are available" in problem["detail"]
    status = (await transfers.get(deal, second, deal.seller)).json()["status"]
    assert status == "draft"


async def test_every_party_who_is_a_platform_user_is_told_of_each_step(
    transfers: Transfers, captable: CapTable, container: Container
) -> None:
    buyer = await captable.accounts.register()
    deal = await transfers.deal(buyer=buyer)
    transfer_id = await transfers.approved(deal)
    async with container.engine.connect() as connection:
        from sqlalchemy import text

        rows = await connection.execute(
            text(
                "SELECT user_id, variables->>'headline' FROM notification_outbox "
                "WHERE template = 'captable.transfer_changed' ORDER BY created_at"
            )
        )
        told = [(str(r[0]), r[1]) for r in rows]
    for who in (deal.seller, buyer):
        mine = [headline for user, headline in told if user == who.user["id"]]
        assert mine == [
            "drafted",
            "submitted to the company",
            "the company waived its right of first refusal",
            "approved by the company",
        ], told
    assert transfer_id


async def test_the_agreement_is_rendered_once_and_then_read_from_the_store(
    transfers: Transfers, captable: CapTable, app: FastAPI, container: Container
) -> None:
    rendered: list[str] = []

    class Renderer:  # counts renderings; what the real pool prints is tested in tests/unit/captable
        async def transfer_agreement(self, sheet) -> bytes:  # type: ignore[no-untyped-def]
            rendered.append(sheet.transfer_reference)
            return (
                b"%PDF-1.7 "
                + sheet.transfer_reference.encode()
                + b" "
                + sheet.rofr_outcome.encode()
            )

    deal = await transfers.deal()
    transfer_id = await transfers.approved(deal)
    path = f"{deal.transfers}/{transfer_id}/agreement"
    early = await captable.client.get(path, headers=deal.seller.headers)
    assert_problem(early, 409, "transfer_state_invalid")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200
    registry = app.state.handlers
    from usecases.captable.transfers.download_transfer_agreement import (
        DownloadTransferAgreementHandler,
    )

    original = registry.resolve

    def resolve(kind):  # type: ignore[no-untyped-def]
        handler = original(kind)
        if isinstance(handler, DownloadTransferAgreementHandler):
            handler._renderer = Renderer()
        return handler

    registry.resolve = resolve
    first = await captable.client.get(path, headers=deal.seller.headers)
    assert first.status_code == 200, first.text
    assert first.headers["content-type"] == "application/pdf"
    assert first.content == b"%PDF-1.7 TRF-0001 waived by the company"
    second = await captable.client.get(path, headers=deal.issuer.admin.headers)
    assert second.content == first.content
    assert rendered == ["TRF-0001"]
    outsider = await captable.accounts.register()
    assert_problem(
        await captable.client.get(path, headers=outsider.headers), 404, "issuer_not_found"
    )
    assert Decimal(1)


async def test_a_retried_draft_drafts_once(transfers: Transfers) -> None:
    deal = await transfers.deal()
    first = await transfers.draft(deal, "10", key="draft-once")
    again = await transfers.draft(deal, "10", key="draft-once")
    assert (first.status_code, again.status_code) == (201, 201)
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert await transfers.count("captable_share_transfers") == 1
    other = await transfers.draft(deal, "10")
    assert other.json()["reference"] == "TRF-0002"
