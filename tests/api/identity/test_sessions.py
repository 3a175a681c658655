"""My sessions and devices over HTTP."""

from __future__ import annotations

from tests.support.accounts import Accounts, assert_problem, bearer


async def test_sessions_are_listed_newest_first_with_the_current_one_marked(
    accounts: Accounts,
) -> None:
    account = await accounts.register(device_id="laptop")
    phone = (await accounts.login(account.email, device_id="phone")).json()["session"]["tokens"]
    listed = await accounts.client.get(
        "/api/v1/auth/sessions", headers=bearer(phone["access_token"])
    )
    assert listed.status_code == 200
    items = listed.json()["items"]
    assert [s["id"] for s in items] == [phone["session_id"], account.tokens["session_id"]]
    assert [s["current"] for s in items] == [True, False]
    assert [s["device_id"] for s in items] == ["phone", "laptop"]
    page = await accounts.client.get(
        "/api/v1/auth/sessions", params={"limit": 1}, headers=bearer(phone["access_token"])
    )
    second = await accounts.client.get(
        "/api/v1/auth/sessions",
        params={"limit": 1, "cursor": page.json()["next_cursor"]},
        headers=bearer(phone["access_token"]),
    )
    assert [s["id"] for s in second.json()["items"]] == [account.tokens["session_id"]]
    assert second.json()["next_cursor"] is None


async def test_revoking_a_session_logs_that_device_out(accounts: Accounts) -> None:
    account = await accounts.register(device_id="laptop")
    phone = (await accounts.login(account.email, device_id="phone")).json()["session"]["tokens"]
    gone = await accounts.client.delete(
        f"/api/v1/auth/sessions/{phone['session_id']}", headers=account.headers
    )
    assert gone.status_code == 204
    assert_problem(await accounts.refresh(phone["refresh_token"]), 401, "token_revoked")
    assert_problem(
        await accounts.client.get("/api/v1/users/me", headers=bearer(phone["access_token"])),
        401,
        "token_revoked",
    )
    assert_problem(
        await accounts.client.delete(
            f"/api/v1/auth/sessions/{phone['session_id']}", headers=account.headers
        ),
        404,
        "session_not_found",
    )


async def test_nobody_revokes_someone_elses_session(accounts: Accounts) -> None:
    mine = await accounts.register()
    theirs = await accounts.register()
    response = await accounts.client.delete(
        f"/api/v1/auth/sessions/{theirs.tokens['session_id']}", headers=mine.headers
    )
    assert_problem(response, 404, "session_not_found")
    assert (await accounts.refresh(theirs.tokens["refresh_token"])).status_code == 200


async def test_devices_are_listed_and_can_be_forgotten(accounts: Accounts) -> None:
    account = await accounts.register(device_id="laptop")
    phone = (await accounts.login(account.email, device_id="phone")).json()["session"]["tokens"]
    devices = (await accounts.client.get("/api/v1/auth/devices", headers=account.headers)).json()
    assert len(devices["items"]) == 2
    newest = devices["items"][0]
    forgotten = await accounts.client.delete(
        f"/api/v1/auth/devices/{newest['id']}", headers=account.headers
    )
    assert forgotten.status_code == 204
    assert_problem(await accounts.refresh(phone["refresh_token"]), 401, "token_revoked")
    left = (await accounts.client.get("/api/v1/auth/devices", headers=account.headers)).json()
    assert len(left["items"]) == 1
