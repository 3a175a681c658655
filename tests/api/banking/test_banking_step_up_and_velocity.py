"""Large withdrawals need the second factor (step-up); unusual velocity asks for it too and
then blocks; the risk events show in the user's suspicious activity."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

import pytest
from fastapi import FastAPI

from tests.api.banking.conftest import ROOMY, Banking
from tests.support.accounts import assert_problem
from tests.support.admins import super_admin


@pytest.fixture
def banking_settings() -> dict[str, Any]:
    return ROOMY | {
        "banking_withdrawal_step_up_above": Decimal("100"),
        "banking_velocity_hourly_count": 2,
        "banking_velocity_challenge_threshold": 50,
        "banking_velocity_block_threshold": 90,
    }


async def test_step_up_then_velocity_challenge_and_block(banking: Banking, app: FastAPI) -> None:
    alice = await banking.funded("1000.00")
    body = assert_problem(await banking.withdraw(alice, "150.00"), 403, "two_factor_required")
    assert "enable two-factor" in body["detail"]
    assert_problem(
        await banking.withdraw(alice, "150.00", second_factor_code="123456"),
        403,
        "two_factor_not_enabled",
    )
    secret, recovery = await banking.accounts.enable_two_factor(alice)
    body = assert_problem(await banking.withdraw(alice, "150.00"), 403, "step_up_required")
    assert [e["field"] for e in body["errors"]] == ["body.second_factor_code"]
    assert_problem(
        await banking.withdraw(alice, "150.00", second_factor_code="000000"), 403, "step_up_failed"
    )
    code = banking.accounts.totp_now(secret, steps_ahead=1)  # the current step confirmed 2FA
    large = await banking.withdraw(alice, "150.00", second_factor_code=code)
    assert large.status_code == 201, large.text
    assert (large.json()["stepped_up"], large.json()["risk_score"]) == (True, 0)
    assert (await banking.balance(alice))["available"] == "850.00"

    assert (await banking.withdraw(alice, "10.00")).status_code == 201  # 2 in the hour
    third = await banking.withdraw(alice, "10.00")  # 3 > 2: 50 points, a challenge
    assert_problem(third, 403, "step_up_required")
    confirmed = await banking.withdraw(alice, "10.00", second_factor_code=recovery[0])
    assert confirmed.status_code == 201, confirmed.text
    assert confirmed.json()["risk_score"] == 50
    assert [r["rule"] for r in confirmed.json()["risk_reasons"]] == ["withdrawal_burst"]
    fourth = await banking.withdraw(alice, "10.00", second_factor_code=recovery[1])
    assert fourth.json()["risk_score"] == 70
    blocked = await banking.withdraw(alice, "10.00", second_factor_code=recovery[2])
    assert_problem(blocked, 403, "withdrawal_blocked_risk")
    assert (await banking.balance(alice))["available"] == "820.00"

    root = await super_admin(app, banking.accounts)
    activity = await banking.client.get(
        f"/api/v1/security/suspicious-activity/{alice.user['code']}", headers=root.headers
    )
    assert activity.status_code == 200, activity.text
    risky = [
        (e["event"], e["succeeded"], e["risk_score"])
        for e in activity.json()["items"]
        if e["event"].startswith("withdrawal_")
    ]
    assert risky == [
        ("withdrawal_blocked", False, 90),
        ("withdrawal_challenged", True, 70),
        ("withdrawal_challenged", True, 50),
        ("withdrawal_challenged", False, 50),
    ]
    page = await banking.client.get(
        f"/api/v1/security/suspicious-activity/{alice.user['code']}?limit=2",
        headers=root.headers,
    )
    rest = await banking.client.get(
        f"/api/v1/security/suspicious-activity/{alice.user['code']}"
        f"?limit=50&cursor={page.json()['next_cursor']}",
        headers=root.headers,
    )
    ids = [e["id"] for e in page.json()["items"] + rest.json()["items"]]
    assert ids == [e["id"] for e in activity.json()["items"]]
    assert await banking.ledger_violation() is None


async def test_a_stepped_up_withdrawal_retried_with_its_key_replays_without_a_new_code(
    banking: Banking,
) -> None:
    alice = await banking.funded("1000.00")
    secret, _ = await banking.accounts.enable_two_factor(alice)
    code = banking.accounts.totp_now(secret, steps_ahead=1)
    key = {"Idempotency-Key": "step-up-retry-1"}
    first = await banking.withdraw(alice, "150.00", headers=key, second_factor_code=code)
    assert first.status_code == 201, first.text
    # The client timed out and sends the very same request again: the code is spent, but the
    # stored answer comes back and nothing moves twice.
    again = await banking.withdraw(alice, "150.00", headers=key, second_factor_code=code)
    assert again.status_code == 201, again.text
    assert again.json() == first.json()
    assert again.headers.get("idempotent-replayed") == "true"
    assert (await banking.balance(alice))["available"] == "850.00"


async def test_a_large_withdrawal_without_two_factor_says_at_once_to_enable_it(
    banking: Banking,
) -> None:
    alice = await banking.funded("1000.00")
    refused = await banking.withdraw(alice, "150.00")
    body = assert_problem(refused, 403, "two_factor_required")
    assert "two-factor" in body["detail"]
    assert "authenticator code" in body["detail"]
    assert "step_up_required" not in refused.text
    assert (await banking.balance(alice))["available"] == "1000.00"
    small = await banking.withdraw(alice, "100.00")  # at the threshold: no step-up
    assert small.status_code == 201, small.text
