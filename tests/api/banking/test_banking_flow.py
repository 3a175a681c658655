"""A user walks the whole path over HTTP: the KYC account adopted, a deposit settled by the
sandbox rail's signed webhook, withdrawals settled and failed, balances and the ledger check."""

from __future__ import annotations

import uuid

from tests.api.banking.conftest import Banking
from tests.support.accounts import assert_problem


async def test_deposit_then_withdrawals_settle_and_fail_through_the_rail(banking: Banking) -> None:
    client = banking.client
    alice = await banking.user()
    listed = await client.get("/api/v1/banking/accounts", headers=alice.headers)
    assert listed.status_code == 200, listed.text
    (kyc_account,) = listed.json()["items"]
    assert (kyc_account["source"], kyc_account["is_primary"], kyc_account["state"]) == (
        "kyc",
        True,
        "verified",
    )
    assert kyc_account["masked_number"] == "XXXXXX7890"

    key = {"Idempotency-Key": str(uuid.uuid4())}
    started = await client.post(
        "/api/v1/banking/deposits",
        headers=alice.headers | key,
        json={"amount": "1000.00", "currency": "INR", "method": "upi"},
    )
    assert started.status_code == 201, started.text
    deposit = started.json()
    assert (deposit["state"], deposit["amount"]) == ("pending", "1000.00")
    assert (await banking.balance(alice))["posted"] == "0.00"

    assert await banking.settle() == 1
    done = await client.get(f"/api/v1/banking/deposits/{deposit['id']}", headers=alice.headers)
    assert done.json()["state"] == "completed"
    assert done.json()["rail_reference"].startswith("sbx_")
    assert await banking.balance(alice) == {
        "posted": "1000.00",
        "held": "0.00",
        "available": "1000.00",
    }

    withdrawn = await banking.withdraw(alice, "300.00")
    assert withdrawn.status_code == 201, withdrawn.text
    assert withdrawn.json()["bank_account_id"] == kyc_account["id"]
    assert (await banking.balance(alice))["available"] == "700.00"
    # a pending withdrawal keeps its account
    removing = await client.delete(
        f"/api/v1/banking/accounts/{kyc_account['id']}", headers=alice.headers
    )
    assert_problem(removing, 409, "bank_account_in_use")

    failing = await banking.withdraw(alice, "200.13")  # the sandbox fails .13
    assert failing.status_code == 201, failing.text
    assert (await banking.balance(alice))["available"] == "499.87"

    assert await banking.settle() == 2
    settled = await client.get(
        f"/api/v1/banking/withdrawals/{withdrawn.json()['id']}", headers=alice.headers
    )
    assert settled.json()["state"] == "completed"
    failed = await client.get(
        f"/api/v1/banking/withdrawals/{failing.json()['id']}", headers=alice.headers
    )
    assert (failed.json()["state"], failed.json()["failure_reason"]) == (
        "failed",
        "beneficiary_account_closed",
    )
    assert await banking.balance(alice) == {
        "posted": "700.00",
        "held": "0.00",
        "available": "700.00",
    }
    page = await client.get("/api/v1/banking/withdrawals?limit=1", headers=alice.headers)
    assert len(page.json()["items"]) == 1
    assert page.json()["next_cursor"]
    second = await client.get(
        f"/api/v1/banking/withdrawals?limit=1&cursor={page.json()['next_cursor']}",
        headers=alice.headers,
    )
    assert second.json()["items"][0]["id"] == withdrawn.json()["id"]
    assert await banking.ledger_violation() is None


async def test_a_failed_deposit_moves_no_money(banking: Banking) -> None:
    alice = await banking.user(level=2)
    started = await banking.deposit(alice, "500.13")
    assert started.status_code == 201, started.text
    assert await banking.settle() == 1
    deposit = await banking.client.get(
        f"/api/v1/banking/deposits/{started.json()['id']}", headers=alice.headers
    )
    assert (deposit.json()["state"], deposit.json()["failure_reason"]) == (
        "failed",
        "declined_by_bank",
    )
    assert (await banking.balance(alice))["posted"] == "0.00"
    assert await banking.ledger_violation() is None


async def test_someone_elses_deposit_or_withdrawal_answers_404(banking: Banking) -> None:
    alice = await banking.funded("100.00")
    bob = await banking.user(level=2)
    withdrawal = await banking.withdraw(alice, "10.00")
    deposits = await banking.client.get("/api/v1/banking/deposits", headers=alice.headers)
    deposit_id = deposits.json()["items"][0]["id"]
    assert_problem(
        await banking.client.get(f"/api/v1/banking/deposits/{deposit_id}", headers=bob.headers),
        404,
        "deposit_not_found",
    )
    assert_problem(
        await banking.client.get(
            f"/api/v1/banking/withdrawals/{withdrawal.json()['id']}", headers=bob.headers
        ),
        404,
        "withdrawal_not_found",
    )
    mine = await banking.client.get("/api/v1/banking/deposits", headers=bob.headers)
    assert mine.json()["items"] == []
