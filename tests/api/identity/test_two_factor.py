"""Authenticator two-factor over HTTP: enrolment with a QR code, the login challenge, codes that
work once, recovery codes, disabling, and password reset with the second factor."""

from __future__ import annotations

import base64

from sqlalchemy import text

from tests.support.accounts import Accounts, assert_problem, bearer
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows


async def test_enrolment_gives_a_secret_an_otpauth_uri_and_a_png_qr_code(
    accounts: Accounts,
) -> None:
    account = await accounts.register()
    enrolled = await accounts.client.post("/api/v1/auth/2fa/enroll", headers=account.headers)
    assert enrolled.status_code == 201
    body = enrolled.json()
    assert body["otpauth_uri"].startswith("otpauth://totp/Meridian:")
    assert f"secret={body['secret']}" in body["otpauth_uri"]
    prefix = "data:image/png;base64,"
    assert body["qr_code"].startswith(prefix)
    assert base64.b64decode(body["qr_code"][len(prefix) :]).startswith(b"\x89PNG")
    # Nothing changes until confirmed.
    me = await accounts.client.get("/api/v1/users/me", headers=account.headers)
    assert me.json()["two_factor_enabled"] is False
    assert (await accounts.login(account.email)).json()["two_factor_required"] is False


async def test_the_secret_is_stored_encrypted(accounts: Accounts) -> None:
    account = await accounts.register()
    secret, _ = await accounts.enable_two_factor(account)
    async with accounts.container.engine.connect() as conn:
        sealed = (
            await conn.execute(text("SELECT sealed_secret FROM totp_credentials"))
        ).scalar_one()
    assert secret not in sealed


async def test_a_wrong_first_code_does_not_turn_it_on(accounts: Accounts) -> None:
    account = await accounts.register()
    await accounts.client.post("/api/v1/auth/2fa/enroll", headers=account.headers)
    response = await accounts.client.post(
        "/api/v1/auth/2fa/confirm", headers=account.headers, json={"code": "000000"}
    )
    assert_problem(response, 422, "two_factor_invalid")


async def test_login_with_two_factor_needs_the_challenge_answered(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    secret, recovery = await accounts.enable_two_factor(account)
    assert len(set(recovery)) == 10
    alerts = await outbox_rows(
        accounts.container.engine, template="identity.two_factor_changed", address=account.email
    )
    assert len(alerts) == 1

    login = (await accounts.login(account.email)).json()
    assert login["two_factor_required"] is True
    assert login["session"] is None
    challenge = login["challenge_token"]
    # A challenge is not an access token.
    assert_problem(
        await accounts.client.get("/api/v1/users/me", headers=bearer(challenge)),
        401,
        "token_invalid",
    )
    clock.advance(seconds=30)
    verify = {"challenge_token": challenge, "code": accounts.totp_now(secret)}
    answered = await accounts.client.post("/api/v1/auth/login/verify-2fa", json=verify)
    assert answered.status_code == 200, answered.text
    session = answered.json()  # the same session a login without two-factor answers with
    assert (session["user"]["code"], session["user"]["two_factor_enabled"]) == (
        account.user["code"],
        True,
    )
    tokens = session["tokens"]
    assert (
        await accounts.client.get("/api/v1/users/me", headers=bearer(tokens["access_token"]))
    ).json()["two_factor_enabled"] is True
    # The challenge works once, and so does the code.
    assert_problem(
        await accounts.client.post("/api/v1/auth/login/verify-2fa", json=verify),
        401,
        "token_invalid",
    )
    again = (await accounts.login(account.email)).json()["challenge_token"]
    assert_problem(
        await accounts.client.post(
            "/api/v1/auth/login/verify-2fa", json={**verify, "challenge_token": again}
        ),
        422,
        "two_factor_invalid",
    )


async def test_a_recovery_code_works_once(accounts: Accounts) -> None:
    account = await accounts.register()
    _, recovery = await accounts.enable_two_factor(account)
    for expected in (200, 422):
        challenge = (await accounts.login(account.email)).json()["challenge_token"]
        response = await accounts.client.post(
            "/api/v1/auth/login/verify-2fa",
            json={"challenge_token": challenge, "code": recovery[0].upper()},
        )
        assert response.status_code == expected, response.text


async def test_the_challenge_expires(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    secret, _ = await accounts.enable_two_factor(account)
    challenge = (await accounts.login(account.email)).json()["challenge_token"]
    clock.advance(minutes=6)
    response = await accounts.client.post(
        "/api/v1/auth/login/verify-2fa",
        json={"challenge_token": challenge, "code": accounts.totp_now(secret)},
    )
    assert_problem(response, 401, "token_expired")


async def test_disabling_needs_the_password_and_a_code(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    secret, _ = await accounts.enable_two_factor(account)
    clock.advance(seconds=30)
    url = "/api/v1/auth/2fa/disable"
    wrong_password = await accounts.client.post(
        url,
        headers=account.headers,
        json={"password": "not it at all", "code": accounts.totp_now(secret)},
    )
    assert_problem(wrong_password, 422, "password_incorrect")
    wrong_code = await accounts.client.post(
        url, headers=account.headers, json={"password": account.password, "code": "000000"}
    )
    assert_problem(wrong_code, 422, "two_factor_invalid")
    done = await accounts.client.post(
        url,
        headers=account.headers,
        json={"password": account.password, "code": accounts.totp_now(secret)},
    )
    assert done.status_code == 204
    assert (await accounts.login(account.email)).json()["two_factor_required"] is False


async def test_new_recovery_codes_replace_the_old(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    secret, old = await accounts.enable_two_factor(account)
    clock.advance(seconds=30)
    fresh = await accounts.client.post(
        "/api/v1/auth/2fa/recovery-codes",
        headers=account.headers,
        json={"code": accounts.totp_now(secret)},
    )
    assert fresh.status_code == 200
    new = fresh.json()["recovery_codes"]
    challenge = (await accounts.login(account.email)).json()["challenge_token"]
    stale = await accounts.client.post(
        "/api/v1/auth/login/verify-2fa", json={"challenge_token": challenge, "code": old[0]}
    )
    assert_problem(stale, 422, "two_factor_invalid")
    ok = await accounts.client.post(
        "/api/v1/auth/login/verify-2fa", json={"challenge_token": challenge, "code": new[0]}
    )
    assert ok.status_code == 200


async def test_password_reset_needs_the_second_factor_when_it_is_on(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    secret, _ = await accounts.enable_two_factor(account)
    await accounts.client.post("/api/v1/auth/forgot-password", json={"identifier": account.mobile})
    code = await accounts.code("identity.password_reset_otp", account.mobile)
    token = (
        await accounts.client.post(
            "/api/v1/auth/verify-reset-otp", json={"identifier": account.mobile, "code": code}
        )
    ).json()["reset_token"]
    reset = {"reset_token": token, "new_password": "brand new kettle orbit"}
    missing = await accounts.client.post("/api/v1/auth/reset-password", json=reset)
    body = assert_problem(missing, 422, "two_factor_required")
    assert body["errors"][0]["field"] == "body.two_factor_code"
    clock.advance(seconds=30)
    done = await accounts.client.post(
        "/api/v1/auth/reset-password",
        json={**reset, "two_factor_code": accounts.totp_now(secret)},
    )
    assert done.status_code == 204, done.text
