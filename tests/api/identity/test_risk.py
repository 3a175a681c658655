"""Risk scoring at login over HTTP with PostgreSQL: the score of a login from a new device and
address, a burst of failures pushing the next login over the thresholds, and the
suspicious-activity listing for operators.

Thresholds here: challenge at 40, block at 70. A registered account has a baseline: the
registration's device and the test client's address (127.0.0.1)."""

from __future__ import annotations

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from infrastructure.config.settings import Settings
from tests.support.accounts import PASSWORD, Account, Accounts, assert_problem
from tests.support.admins import super_admin

ELSEWHERE = "198.51.100.7"


@pytest.fixture
def identity_settings(identity_settings: Settings) -> Settings:
    return identity_settings.model_copy(
        update={"risk_challenge_threshold": 40, "risk_block_threshold": 70}
    )


@pytest.fixture
async def elsewhere(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client on another network."""
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False, client=(ELSEWHERE, 4242))
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        yield client


async def _login(
    client: httpx.AsyncClient, account: Account, device_id: str, password: str = PASSWORD
) -> httpx.Response:
    return await client.post(
        "/api/v1/auth/login",
        json={"identifier": account.email, "password": password, "device_id": device_id},
    )


async def _scores(accounts: Accounts, account: Account) -> tuple[list[Any], Any]:
    async with accounts.container.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT event, risk_score, risk_reasons FROM login_activity "
                    "WHERE user_id = :id AND risk_score IS NOT NULL ORDER BY occurred_at"
                ),
                {"id": account.user["id"]},
            )
        ).all()
        latest = await conn.scalar(
            text("SELECT risk_score FROM users WHERE id = :id"), {"id": account.user["id"]}
        )
    return [tuple(r) for r in rows], latest


async def test_a_new_device_from_home_is_allowed_with_its_score(accounts: Accounts) -> None:
    account = await accounts.register()
    response = await _login(accounts.client, account, "new-laptop")
    assert response.status_code == 200, response.text
    assert response.json()["session"] is not None
    rows, latest = await _scores(accounts, account)
    reasons = [{"rule": "new_device", "points": 15, "reason": "new device"}]
    assert rows == [("login_succeeded", 15, reasons)]
    assert latest == 15


async def test_a_first_login_from_a_new_device_and_network_needs_verification(
    accounts: Accounts, elsewhere: httpx.AsyncClient
) -> None:
    account = await accounts.register()
    response = await _login(elsewhere, account, "new-phone")
    body = assert_problem(response, 403, "risk_verification_required")
    assert "two-factor" in body["detail"]
    rows, latest = await _scores(accounts, account)
    assert rows == [
        (
            "access_refused",
            40,
            [
                {"rule": "new_device", "points": 15, "reason": "new device"},
                {"rule": "new_ip_range", "points": 25, "reason": "new IP range 198.51.100.0/24"},
            ],
        )
    ]
    assert latest == 40


async def test_with_two_factor_on_a_risky_login_is_challenged(
    accounts: Accounts, elsewhere: httpx.AsyncClient
) -> None:
    account = await accounts.register()
    await accounts.enable_two_factor(account)
    response = await _login(elsewhere, account, "new-phone")
    assert response.status_code == 200, response.text
    assert response.json()["two_factor_required"] is True
    assert response.json()["session"] is None
    rows, _ = await _scores(accounts, account)
    assert rows[-1][:2] == ("login_challenged", 40)


async def test_a_burst_of_failures_pushes_the_next_login_over_the_thresholds(
    accounts: Accounts, elsewhere: httpx.AsyncClient
) -> None:
    account = await accounts.register()
    for _ in range(3):
        assert_problem(
            await _login(accounts.client, account, "device-registration", "wrong password here"),
            401,
            "invalid_credentials",
        )
    # the same device and network: 30 for the burst, under the challenge threshold
    assert (await _login(accounts.client, account, "device-registration")).status_code == 200
    # a new device: 45, verification required (two-factor is off)
    assert_problem(
        await _login(accounts.client, account, "new-laptop"), 403, "risk_verification_required"
    )
    # a new device on a new network: 70, blocked
    assert_problem(await _login(elsewhere, account, "new-phone"), 403, "login_blocked_risk")
    rows, latest = await _scores(accounts, account)
    assert [r[:2] for r in rows] == [
        ("login_succeeded", 30),
        ("access_refused", 45),
        ("access_refused", 70),
    ]
    assert rows[-1][2][-1]["reason"] == "3 failed logins in the last hour"
    assert latest == 70


async def test_operators_list_suspicious_activity(
    app: FastAPI, accounts: Accounts, elsewhere: httpx.AsyncClient
) -> None:
    admin = await super_admin(app, accounts)
    account = await accounts.register()
    await _login(accounts.client, account, "device-registration", "wrong password here")
    assert (await _login(accounts.client, account, "new-laptop")).status_code == 200  # 15
    await _login(elsewhere, account, "new-phone")  # 40: refused
    url = f"/api/v1/security/suspicious-activity/{account.user['code']}"

    first = await accounts.client.get(url, headers=admin.headers, params={"limit": 1})
    assert first.status_code == 200, first.text
    page = first.json()
    assert [(i["event"], i["risk_score"]) for i in page["items"]] == [("access_refused", 40)]
    assert page["items"][0]["reason"] == "risk_verification_required:score=40"
    assert [r["rule"] for r in page["items"][0]["risk_reasons"]] == ["new_device", "new_ip_range"]
    rest = await accounts.client.get(
        url, headers=admin.headers, params={"limit": 10, "cursor": page["next_cursor"]}
    )
    assert rest.status_code == 200, rest.text
    items = rest.json()["items"]
    assert [(i["event"], i["reason"], i["risk_score"]) for i in items] == [
        ("login_failed", "wrong_password", None)
    ]
    assert rest.json()["next_cursor"] is None

    assert_problem(
        await accounts.client.get(url, headers=account.headers), 403, "permission_denied"
    )
    assert_problem(await accounts.client.get(url), 401, "missing_token")
    assert_problem(
        await accounts.client.get(
            "/api/v1/security/suspicious-activity/USR-ZZZZZZ", headers=admin.headers
        ),
        404,
        "user_not_found",
    )


async def test_audit_records_carry_the_score(accounts: Accounts) -> None:
    account = await accounts.register()
    await _login(accounts.client, account, "new-laptop")
    async with accounts.container.engine.connect() as conn:
        changes = await conn.scalar(
            text(
                "SELECT changes FROM audit_log WHERE action = 'identity.login_succeeded' "
                "AND resource_id = :id ORDER BY seq DESC LIMIT 1"
            ),
            {"id": account.user["id"]},
        )
    assert changes["risk_score"]["after"] == 15
    assert changes["risk_reasons"]["after"] == ["new device"]
