"""Login over HTTP: email or mobile, one answer for every kind of failure, lockout and its
recovery, activity rows, new-device alerts, rate limits, bcrypt upgrade."""

from __future__ import annotations

import statistics
import time
from uuid import UUID

import bcrypt
from fastapi import FastAPI
from sqlalchemy import text

from domain.shared.actor import Actor
from domain.shared.ids import UserId
from tests.support.accounts import Accounts, assert_problem
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows
from usecases.identity.administration.block_user import BlockUser, BlockUserHandler


def _same(body: dict[str, object]) -> dict[str, object]:
    return {k: v for k, v in body.items() if k != "request_id"}


async def test_log_in_with_email_or_mobile(accounts: Accounts) -> None:
    account = await accounts.register()
    for identifier in (account.email, account.mobile, account.email.upper()):
        response = await accounts.login(identifier)
        assert response.status_code == 200, response.text
        body = response.json()
        assert body["two_factor_required"] is False
        assert body["session"]["tokens"]["token_type"] == "Bearer"
        assert body["session"]["tokens"]["expires_in"] == 900


async def test_login_and_registration_answer_with_one_session_the_client_needs_no_more(
    app: FastAPI, accounts: Accounts
) -> None:
    account = await accounts.register()  # the completed registration's session
    login = (await accounts.login(account.email)).json()
    me = await accounts.client.get("/api/v1/users/me", headers=account.headers)
    assert login["session"]["user"] == account.user == me.json()
    assert login["session"]["user"]["roles"] == [{"role": "user", "scope": None}]
    assert set(login["session"]["tokens"]) == set(account.tokens)
    paths = app.openapi()["paths"]
    answers = [
        paths["/api/v1/auth/login/verify-2fa"]["post"]["responses"]["200"],
        paths["/api/v1/auth/register/basic-info"]["post"]["responses"]["201"],
    ]
    session = {"$ref": "#/components/schemas/SignedInSessionRead"}
    assert [a["content"]["application/json"]["schema"] for a in answers] == [session, session]
    login_schema = app.openapi()["components"]["schemas"]["LoginRead"]["properties"]["session"]
    assert session in login_schema["anyOf"]


async def test_unknown_wrong_and_locked_answer_alike(accounts: Accounts) -> None:
    account = await accounts.register()
    unknown = await accounts.login("nobody@example.com")
    wrong = await accounts.login(account.email, "not my password at all")
    for _ in range(4):
        await accounts.login(account.email, "not my password at all")
    locked = await accounts.login(account.email)  # the right password, but locked now
    bodies = [
        _same(assert_problem(r, 401, "invalid_credentials")) for r in (unknown, wrong, locked)
    ]
    assert (
        bodies[0] | {"instance": ""} == bodies[1] | {"instance": ""} == bodies[2] | {"instance": ""}
    )
    assert unknown.headers.keys() - {"x-request-id", "date"} == wrong.headers.keys() - {
        "x-request-id",
        "date",
    }


async def test_an_unknown_account_costs_a_password_hash(accounts: Accounts) -> None:
    account = await accounts.register()

    async def timed(identifier: str) -> float:
        started = time.perf_counter()
        await accounts.login(identifier, "not my password at all")
        return time.perf_counter() - started

    await timed("warm-up@example.com")
    known = statistics.median([await timed(account.mobile) for _ in range(3)])
    unknown = statistics.median([await timed(f"ghost{i}@example.com") for i in range(3)])
    assert unknown > known * 0.5, (known, unknown)


async def test_lockout_after_five_failures_then_recovery_by_password_reset(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    for _ in range(5):
        assert_problem(
            await accounts.login(account.email, "wrong password here"), 401, "invalid_credentials"
        )
    assert_problem(await accounts.login(account.email), 401, "invalid_credentials")
    alerts = await outbox_rows(
        accounts.container.engine, template="identity.lockout", address=account.email
    )
    assert len(alerts) == 1

    # Forgot-password still works while locked, and a reset unlocks the account.
    forgot = await accounts.client.post(
        "/api/v1/auth/forgot-password", json={"identifier": account.email}
    )
    assert forgot.status_code == 202
    code = await accounts.code("identity.password_reset_otp", account.email)
    ticket = await accounts.client.post(
        "/api/v1/auth/verify-reset-otp", json={"identifier": account.email, "code": code}
    )
    assert ticket.status_code == 200, ticket.text
    reset = await accounts.client.post(
        "/api/v1/auth/reset-password",
        json={
            "reset_token": ticket.json()["reset_token"],
            "new_password": "brand new kettle orbit",
        },
    )
    assert reset.status_code == 204, reset.text
    assert (await accounts.login(account.email, "brand new kettle orbit")).status_code == 200


async def test_a_lockout_ends_by_itself(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    for _ in range(5):
        await accounts.login(account.email, "wrong password here")
    assert (await accounts.login(account.email)).status_code == 401
    clock.advance(minutes=31)
    assert (await accounts.login(account.email)).status_code == 200


async def test_failures_outside_the_window_do_not_add_up(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    for _ in range(4):
        await accounts.login(account.email, "wrong password here")
    clock.advance(minutes=31)
    await accounts.login(account.email, "wrong password here")
    assert (await accounts.login(account.email)).status_code == 200


async def test_every_attempt_is_in_the_login_activity(accounts: Accounts) -> None:
    account = await accounts.register()
    await accounts.client.post(
        "/api/v1/auth/login",
        json={"identifier": account.email, "password": "wrong password here", "device_id": "d-1"},
        headers={"User-Agent": "Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0"},
    )
    await accounts.login("ghost@example.com")
    await accounts.login(account.mobile)
    async with accounts.container.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT event, reason, user_id, ip, device_id, browser, os FROM login_activity"
                    " WHERE event LIKE 'login_%' ORDER BY id"
                )
            )
        ).all()
    by_reason = {(r.event, r.reason): r for r in rows}
    failed = by_reason[("login_failed", "wrong_password")]
    assert str(failed.user_id) == account.user["id"]
    assert failed.device_id == "d-1"
    assert str(failed.browser).startswith("Firefox")
    assert failed.ip is not None
    assert by_reason[("login_failed", "unknown_account")].user_id is None
    assert ("login_succeeded", None) in by_reason


async def test_a_new_device_sends_an_alert_a_known_one_does_not(accounts: Accounts) -> None:
    account = await accounts.register(device_id="laptop")
    assert (await accounts.login(account.email, device_id="laptop")).status_code == 200
    assert not await outbox_rows(
        accounts.container.engine, template="identity.new_device", address=account.email
    )
    assert (await accounts.login(account.email, device_id="phone")).status_code == 200
    alerts = await outbox_rows(
        accounts.container.engine, template="identity.new_device", address=account.email
    )
    assert len(alerts) == 1


async def test_login_is_rate_limited_per_account_with_retry_after(accounts: Accounts) -> None:
    account = await accounts.register()
    statuses = [
        (await accounts.login(account.email, "wrong password here")).status_code for _ in range(11)
    ]
    assert statuses[:10] == [401] * 10
    last = await accounts.login(account.email)
    body = assert_problem(last, 429, "rate_limited")
    assert int(last.headers["retry-after"]) >= 1
    assert body["status"] == 429


async def test_a_bcrypt_hash_verifies_and_is_upgraded_to_argon2id(accounts: Accounts) -> None:
    account = await accounts.register()
    legacy = bcrypt.hashpw(account.password.encode(), bcrypt.gensalt(rounds=4)).decode()
    async with accounts.container.engine.begin() as conn:
        await conn.execute(
            text("UPDATE users SET password_hash = :h WHERE email = :e"),
            {"h": legacy, "e": account.email},
        )
    assert (await accounts.login(account.email)).status_code == 200
    async with accounts.container.engine.connect() as conn:
        stored = (
            await conn.execute(
                text("SELECT password_hash FROM users WHERE email = :e"), {"e": account.email}
            )
        ).scalar_one()
    assert stored.startswith("$argon2id$")
    assert (await accounts.login(account.email)).status_code == 200


async def test_malformed_identifiers_are_named(accounts: Accounts) -> None:
    body = assert_problem(await accounts.login("not a phone"), 422, "validation_failed")
    assert body["errors"][0]["field"] == "body.identifier"


async def test_i_see_my_own_login_activity(accounts: Accounts) -> None:
    account = await accounts.register()
    await accounts.login(account.email, "wrong password here")
    response = await accounts.client.get("/api/v1/auth/activity", headers=account.headers)
    assert response.status_code == 200
    events = [(e["event"], e["reason"], e["succeeded"]) for e in response.json()["items"]]
    assert ("login_failed", "wrong_password", False) in events
    assert ("login_succeeded", "registered", True) in events


async def test_a_blocked_account_is_logged_out_and_cannot_log_in(
    accounts: Accounts, app: FastAPI
) -> None:
    account = await accounts.register()
    block = app.state.handlers.resolve(BlockUserHandler)
    await block.execute(
        BlockUser(actor=Actor.system(), user_id=UserId(UUID(account.user["id"])), reason="fraud")
    )
    assert_problem(
        await accounts.client.get("/api/v1/users/me", headers=account.headers), 401, "token_revoked"
    )
    assert_problem(await accounts.refresh(account.tokens["refresh_token"]), 401, "token_revoked")
    assert_problem(await accounts.login(account.email), 401, "invalid_credentials")
