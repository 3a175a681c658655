"""Forgotten and changed passwords over HTTP."""

from __future__ import annotations

from tests.support.accounts import Accounts, assert_problem
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows

NEW = "brand new kettle orbit"


async def reset_token(accounts: Accounts, identifier: str) -> str:
    forgot = await accounts.client.post(
        "/api/v1/auth/forgot-password", json={"identifier": identifier}
    )
    assert forgot.status_code == 202
    code = await accounts.code("identity.password_reset_otp", identifier)
    ticket = await accounts.client.post(
        "/api/v1/auth/verify-reset-otp", json={"identifier": identifier, "code": code}
    )
    assert ticket.status_code == 200, ticket.text
    return str(ticket.json()["reset_token"])


async def test_forgot_password_answers_the_same_for_anyone(accounts: Accounts) -> None:
    account = await accounts.register()
    known = await accounts.client.post(
        "/api/v1/auth/forgot-password", json={"identifier": account.email}
    )
    unknown = await accounts.client.post(
        "/api/v1/auth/forgot-password", json={"identifier": "nobody@example.com"}
    )
    again = await accounts.client.post(
        "/api/v1/auth/forgot-password", json={"identifier": account.email}
    )  # within the 120 s cooldown: no second code, same answer
    assert known.status_code == unknown.status_code == again.status_code == 202
    assert known.json() == unknown.json() == again.json()
    sent = await outbox_rows(
        accounts.container.engine, template="identity.password_reset_otp", address=account.email
    )
    assert len(sent) == 1


async def test_a_reset_ends_every_session_and_tells_the_owner(accounts: Accounts) -> None:
    account = await accounts.register()
    token = await reset_token(accounts, account.email)
    done = await accounts.client.post(
        "/api/v1/auth/reset-password", json={"reset_token": token, "new_password": NEW}
    )
    assert done.status_code == 204
    assert_problem(
        await accounts.client.get("/api/v1/users/me", headers=account.headers), 401, "token_revoked"
    )
    assert_problem(await accounts.refresh(account.tokens["refresh_token"]), 401, "token_revoked")
    assert (await accounts.login(account.email)).status_code == 401
    assert (await accounts.login(account.email, NEW)).status_code == 200
    told = await outbox_rows(
        accounts.container.engine, template="identity.password_changed", address=account.email
    )
    assert len(told) == 1
    # The reset token works once.
    assert_problem(
        await accounts.client.post(
            "/api/v1/auth/reset-password", json={"reset_token": token, "new_password": NEW + "x"}
        ),
        422,
        "otp_used",
    )


async def test_a_reset_code_is_used_once_and_expires(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    await accounts.client.post("/api/v1/auth/forgot-password", json={"identifier": account.email})
    code = await accounts.code("identity.password_reset_otp", account.email)
    payload = {"identifier": account.email, "code": code}
    assert (
        await accounts.client.post("/api/v1/auth/verify-reset-otp", json=payload)
    ).status_code == 200
    assert_problem(
        await accounts.client.post("/api/v1/auth/verify-reset-otp", json=payload), 422, "otp_used"
    )
    clock.advance(minutes=3)
    await accounts.client.post("/api/v1/auth/forgot-password", json={"identifier": account.email})
    fresh = await accounts.code("identity.password_reset_otp", account.email)
    clock.advance(minutes=15, seconds=1)
    assert_problem(
        await accounts.client.post(
            "/api/v1/auth/verify-reset-otp", json={"identifier": account.email, "code": fresh}
        ),
        422,
        "otp_expired",
    )


async def test_a_code_for_an_unknown_account_is_just_wrong(accounts: Accounts) -> None:
    response = await accounts.client.post(
        "/api/v1/auth/verify-reset-otp", json={"identifier": "ghost@example.com", "code": "123456"}
    )
    assert_problem(response, 422, "otp_invalid")


async def test_a_weak_new_password_leaves_everything_as_it_was(accounts: Accounts) -> None:
    account = await accounts.register()
    token = await reset_token(accounts, account.email)
    weak = await accounts.client.post(
        "/api/v1/auth/reset-password", json={"reset_token": token, "new_password": "password1234"}
    )
    body = assert_problem(weak, 422, "weak_password")
    assert body["errors"][0]["field"] == "body.new_password"
    assert (
        await accounts.client.get("/api/v1/users/me", headers=account.headers)
    ).status_code == 200
    ok = await accounts.client.post(
        "/api/v1/auth/reset-password", json={"reset_token": token, "new_password": NEW}
    )
    assert ok.status_code == 204


async def test_change_password_needs_the_current_one_and_ends_sessions(
    accounts: Accounts,
) -> None:
    account = await accounts.register()
    url = "/api/v1/auth/change-password"
    wrong = await accounts.client.post(
        url,
        headers=account.headers,
        json={"current_password": "nope nope nope", "new_password": NEW},
    )
    body = assert_problem(wrong, 422, "password_incorrect")
    assert body["errors"][0]["field"] == "body.current_password"
    same = await accounts.client.post(
        url,
        headers=account.headers,
        json={"current_password": account.password, "new_password": account.password},
    )
    assert_problem(same, 422, "weak_password")
    done = await accounts.client.post(
        url,
        headers=account.headers,
        json={"current_password": account.password, "new_password": NEW},
    )
    assert done.status_code == 204
    assert_problem(
        await accounts.client.get("/api/v1/users/me", headers=account.headers), 401, "token_revoked"
    )
    assert (await accounts.login(account.mobile, NEW)).status_code == 200


async def test_a_password_is_taken_exactly_as_typed(accounts: Accounts) -> None:
    spaced = "  plum kettle orbit sandal  "
    account = await accounts.register(password=spaced)
    assert (await accounts.login(account.email, spaced)).status_code == 200
    assert (await accounts.login(account.email, spaced.strip())).status_code == 401
    long_one = "ünïcödé kettle orbit " * 5  # past bcrypt's 72 bytes: all of it counts
    account = await accounts.register(password=long_one)
    assert (await accounts.login(account.email, long_one)).status_code == 200
    assert (await accounts.login(account.email, long_one[:-1] + "X")).status_code == 401
