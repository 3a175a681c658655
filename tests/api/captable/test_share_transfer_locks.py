"""A live share transfer locks its certificate against the cap table's other events: while it
is pending, its right exercised or approved, a cancellation, repurchase or conversion of the
certificate, or a split of its class, is refused with 409 naming the transfer; once it ends
(here: withdrawn) the event goes through."""

from __future__ import annotations

from typing import Any

import pytest

from infrastructure.container import Container
from tests.api.captable.conftest import CapTable
from tests.api.captable.transfer_support import Deal, Transfers
from tests.support.accounts import assert_problem


@pytest.fixture
def transfers(captable: CapTable, container: Container) -> Transfers:
    return Transfers(captable, container)


async def submitted(transfers: Transfers) -> tuple[Deal, str]:
    deal = await transfers.deal(shares="1000")
    transfer_id = await transfers.drafted(deal, "400", "2.50")
    response = await transfers.step(deal, transfer_id, "submit", deal.seller)
    assert response.status_code == 200, response.text
    return deal, transfer_id


def events(deal: Deal, preferred: str) -> dict[str, dict[str, Any]]:
    security = deal.certificate["id"]
    return {
        "cancellations": {
            "security_id": security,
            "quantity": "10",
            "date": "2026-01-20",
            "reason_text": "Forfeited",
        },
        "repurchases": {
            "security_id": security,
            "quantity": "10",
            "price": "1.00",
            "date": "2026-01-20",
        },
        "conversions": {
            "security_id": security,
            "quantity_converted": "10",
            "to_stock_class_id": preferred,
            "date": "2026-01-20",
        },
        "splits": {
            "stock_class_id": deal.issuer.classes["CS"],
            "split_ratio_numerator": "2",
            "split_ratio_denominator": "1",
            "date": "2026-01-20",
        },
    }


@pytest.mark.parametrize("kind", ["cancellations", "repurchases", "conversions", "splits"])
async def test_an_event_on_a_locked_certificate_is_refused_naming_the_transfer(
    transfers: Transfers, captable: CapTable, kind: str
) -> None:
    deal, transfer_id = await submitted(transfers)
    preferred = await captable.share_class(deal.issuer, "PA")
    body = events(deal, preferred)[kind]

    refused = await captable.event(deal.issuer, kind, body)

    problem = assert_problem(refused, 409, "security_locked_by_transfer")
    assert "TRF-0001" in problem["detail"]
    field = "body.stock_class_id" if kind == "splits" else "body.security_id"
    assert problem["errors"][0]["field"] == field
    history = await captable.get(f"{deal.issuer.path}/events", deal.issuer.admin)
    assert [e["kind"] for e in history.json()["items"]] == ["issuance"]
    # the transfer is untouched and still completes its course once it ends; withdrawn, the
    # certificate is free again
    withdrawn = await transfers.step(deal, transfer_id, "withdraw", deal.seller)
    assert withdrawn.status_code == 200, withdrawn.text
    allowed = await captable.event(deal.issuer, kind, body)
    assert allowed.status_code == 201, allowed.text


async def test_an_approved_transfer_still_completes_after_a_refused_cancellation(
    transfers: Transfers, captable: CapTable
) -> None:
    deal = await transfers.deal(shares="1000")
    transfer_id = await transfers.approved(deal, "400", "2.50")
    refused = await captable.event(deal.issuer, "cancellations", events(deal, "x")["cancellations"])
    assert_problem(refused, 409, "security_locked_by_transfer")
    completed = await transfers.step(deal, transfer_id, "complete", deal.issuer.admin)
    assert completed.status_code == 200, completed.text
    assert completed.json()["status"] == "completed"


async def test_a_draft_does_not_lock_and_another_class_splits_freely(
    transfers: Transfers, captable: CapTable
) -> None:
    deal, _ = await submitted(transfers)
    other = await captable.share_class(deal.issuer, "PA")
    await captable.stakeholder(deal.issuer, "Pat")
    await captable.issue(deal.issuer, "Pat", "100", prefix="PA")
    split = await captable.event(
        deal.issuer,
        "splits",
        {
            "stock_class_id": other,
            "split_ratio_numerator": "2",
            "split_ratio_denominator": "1",
            "date": "2026-01-20",
        },
    )
    assert split.status_code == 201, split.text
    fresh = await transfers.deal(shares="100")
    await transfers.drafted(fresh, "10", "1.00")  # a draft locks nothing yet
    cancelled = await captable.event(
        fresh.issuer, "cancellations", events(fresh, "x")["cancellations"]
    )
    assert cancelled.status_code == 201, cancelled.text
