"""``GET /users/me`` answers from the request's one cache round trip when warm, and every change
to what it shows, or to whether the caller may see it, counts on the very next request
(docs/identity.md, "The principal cache")."""

from __future__ import annotations

import json

import pytest
from fastapi import FastAPI

from infrastructure.container import Container
from tests.api.identity.test_principal_cache import principal, round_trips
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, super_admin
from usecases.identity.profile import me_cache

ME = "/api/v1/users/me"
USERS = "/api/v1/users"


@pytest.fixture(autouse=True)
def real_redis(container: Container) -> None:
    if container.redis is None:
        pytest.skip("Redis not reachable: the app runs on its in-memory ports")


async def me(accounts: Accounts, account: Account) -> dict[str, object]:
    response = await accounts.client.get(ME, headers=account.headers)
    assert response.status_code == 200, response.text
    body: dict[str, object] = response.json()
    return body


async def warm(accounts: Accounts, account: Account) -> dict[str, object]:
    """Two reads: the first caches the profile, the second is answered from the cache."""
    await me(accounts, account)
    return await me(accounts, account)


async def test_a_warm_read_of_my_profile_costs_one_cache_round_trip_and_no_sql(
    accounts: Accounts, container: Container
) -> None:
    account = await accounts.register()
    cold = await me(accounts, account)
    with round_trips(container) as seen:
        again = await me(accounts, account)
    assert again == cold
    assert seen == {"cache": ["get_many"], "sql": []}


async def test_after_i_change_my_name_my_profile_shows_it_at_once(accounts: Accounts) -> None:
    account = await accounts.register()
    assert (await warm(accounts, account))["full_name"] != "Priya S. Sharma"
    changed = await accounts.client.patch(
        ME, headers=account.headers, json={"full_name": "Priya S. Sharma", "country": "sg"}
    )
    assert changed.status_code == 200, changed.text
    shown = await me(accounts, account)
    assert (shown["full_name"], shown["country"]) == ("Priya S. Sharma", "SG")


async def test_after_an_operator_changes_my_details_my_profile_shows_them_at_once(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await warm(accounts, user)
    changed = await accounts.client.patch(
        f"{USERS}/{user.user['code']}",
        headers=root.headers,
        json={"full_name": "Renamed By Support", "country": "DE"},
    )
    assert changed.status_code == 200, changed.text
    shown = await me(accounts, user)
    assert (shown["full_name"], shown["country"]) == ("Renamed By Support", "DE")


async def test_a_role_given_or_taken_shows_in_my_profile_at_once(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await warm(accounts, user)
    await grant_role(accounts, root, user, "investor")
    assert {"role": "investor", "scope": None} in (await me(accounts, user))["roles"]  # type: ignore[operator]
    removed = await accounts.client.delete(
        f"{USERS}/{user.user['code']}/roles/investor", headers=root.headers
    )
    assert removed.status_code < 300, removed.text
    assert (await me(accounts, user))["roles"] == [{"role": "user", "scope": None}]


async def test_two_factor_on_and_off_shows_in_my_profile_at_once(accounts: Accounts) -> None:
    account = await accounts.register()
    assert (await warm(accounts, account))["two_factor_enabled"] is False
    secret, _ = await accounts.enable_two_factor(account)
    assert (await warm(accounts, account))["two_factor_enabled"] is True
    disabled = await accounts.client.post(
        "/api/v1/auth/2fa/disable",
        headers=account.headers,
        json={"password": account.password, "code": accounts.totp_now(secret, steps_ahead=1)},
    )
    assert disabled.status_code == 204, disabled.text
    assert (await me(accounts, account))["two_factor_enabled"] is False


async def test_after_a_block_the_cached_profile_is_refused_at_once(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await warm(accounts, user)
    blocked = await accounts.client.post(
        f"{USERS}/{user.user['code']}/block", headers=root.headers, json={"reason": "Fraud case 9"}
    )
    assert blocked.status_code == 204, blocked.text
    assert_problem(await accounts.client.get(ME, headers=user.headers), 401, "token_revoked")


async def test_after_logout_the_cached_profile_is_refused_at_once(accounts: Accounts) -> None:
    account = await accounts.register()
    await warm(accounts, account)
    out = await accounts.client.post("/api/v1/auth/logout", headers=account.headers)
    assert out.status_code == 204, out.text
    assert_problem(await accounts.client.get(ME, headers=account.headers), 401, "token_revoked")


async def test_after_a_password_change_the_cached_profile_is_refused_at_once(
    accounts: Accounts,
) -> None:
    account = await accounts.register()
    await warm(accounts, account)
    changed = await accounts.client.post(
        "/api/v1/auth/change-password",
        headers=account.headers,
        json={"current_password": account.password, "new_password": "a brand new passphrase 7"},
    )
    assert changed.status_code < 300, changed.text
    assert_problem(await accounts.client.get(ME, headers=account.headers), 401, "token_revoked")


async def test_a_stale_profile_written_after_a_change_is_ignored(
    app: FastAPI, accounts: Accounts, container: Container
) -> None:
    """A slow reader that read my profile before I renamed myself and caches it afterwards
    writes it under the old epoch: the next read still shows the new name."""
    account = await accounts.register()
    old = await warm(accounts, account)
    user_id = (await principal(app, account)).user_id
    assert user_id is not None
    entry = me_cache.profile_entry(user_id)
    epoch, raw = await container.cache.get_many([entry.epoch_key, entry.value_key])
    assert epoch is not None
    assert raw is not None
    changed = await accounts.client.patch(ME, headers=account.headers, json={"full_name": "New Me"})
    assert changed.status_code == 200, changed.text
    stale = json.dumps({"e": epoch.decode(), "b": json.loads(raw)["b"]}).encode()
    await container.cache.set(entry.value_key, stale, ttl_seconds=300)
    shown = await warm(accounts, account)
    assert shown["full_name"] == "New Me"
    assert old["full_name"] != "New Me"
