"""GET and PATCH /api/v1/users/me."""

from __future__ import annotations

from tests.support.accounts import Accounts, assert_problem


async def test_i_read_and_change_my_profile(accounts: Accounts) -> None:
    account = await accounts.register()
    me = await accounts.client.get("/api/v1/users/me", headers=account.headers)
    assert me.json()["email"] == account.email
    assert me.json()["roles"] == [{"role": "user", "scope": None}]
    assert me.json()["code"] == account.user["code"]
    changed = await accounts.client.patch(
        "/api/v1/users/me",
        headers=account.headers,
        json={"full_name": "Priya S. Sharma", "date_of_birth": "1990-04-12", "country": "sg"},
    )
    assert changed.status_code == 200, changed.text
    assert (changed.json()["full_name"], changed.json()["country"]) == ("Priya S. Sharma", "SG")
    cleared = await accounts.client.patch(
        "/api/v1/users/me", headers=account.headers, json={"country": None}
    )
    assert cleared.json()["country"] is None
    assert cleared.json()["date_of_birth"] == "1990-04-12"


async def test_bad_profile_input_names_the_field(accounts: Accounts) -> None:
    account = await accounts.register()
    future = await accounts.client.patch(
        "/api/v1/users/me", headers=account.headers, json={"date_of_birth": "2999-01-01"}
    )
    assert assert_problem(future, 422, "validation_failed")["errors"][0]["field"] == (
        "body.date_of_birth"
    )
    email = await accounts.client.patch(
        "/api/v1/users/me", headers=account.headers, json={"email": "new@example.com"}
    )
    assert_problem(email, 422, "validation_failed")


async def test_me_needs_a_token(accounts: Accounts) -> None:
    assert_problem(await accounts.client.get("/api/v1/users/me"), 401, "missing_token")
