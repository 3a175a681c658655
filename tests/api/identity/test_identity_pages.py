"""Identity's lists are pages: walking them with a small limit returns every item exactly once,
in the list's order; the cursor is opaque and bound to its list and order; garbage is 422."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, super_admin
from tests.support.pages import assert_garbage_cursor_refused, walk_pages

USERS = "/api/v1/users"


async def everything(accounts: Accounts, url: str, account: Account, **params: Any) -> list[Any]:
    """The list in one page (it is short here), the order to compare a walk with."""
    response = await accounts.client.get(
        url, headers=account.headers, params={**params, "limit": 200}
    )
    assert response.status_code == 200, response.text
    assert response.json()["next_cursor"] is None
    return list(response.json()["items"])


async def test_users_walk_in_every_order_with_filters(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    people = [await accounts.register() for _ in range(5)]  # all named "Priya Sharma"
    for person in people[:3]:
        await grant_role(accounts, root, person, "company_admin", "issuer:9")
    for sort in ("-created_at", "created_at", "full_name", "-full_name", "email", "code"):
        walked = await walk_pages(
            accounts.client, USERS, headers=root.headers, limit=2, params={"sort": sort}
        )
        assert walked == await everything(accounts, USERS, root, sort=sort), sort
        assert len({u["code"] for u in walked}) == len(walked) == 6, sort
    by_name = await walk_pages(
        accounts.client, USERS, headers=root.headers, limit=2, params={"sort": "full_name"}
    )
    ties = [u for u in by_name if u["full_name"] == "Priya Sharma"]
    assert [u["id"] for u in ties] == sorted(u["id"] for u in ties)  # the id breaks ties
    filtered = await walk_pages(
        accounts.client,
        USERS,
        headers=root.headers,
        limit=1,
        params={"role": "company_admin", "q": "Priya", "status": "active", "sort": "code"},
    )
    assert [u["code"] for u in filtered] == sorted(p.user["code"] for p in people[:3])


async def test_a_users_walk_is_stable_while_users_register(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    before = [await accounts.register() for _ in range(4)]
    first = await accounts.client.get(USERS, headers=root.headers, params={"limit": 2})
    seen = [u["code"] for u in first.json()["items"]]
    await accounts.register()  # newest first: it lands before the cursor, not in the rest
    rest = await walk_pages(
        accounts.client,
        USERS,
        headers=root.headers,
        limit=2,
        params={"cursor": first.json()["next_cursor"]},
    )
    seen += [u["code"] for u in rest]
    assert sorted(seen) == sorted([p.user["code"] for p in before] + [root.user["code"]])


async def test_a_users_cursor_belongs_to_its_order(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    for _ in range(2):
        await accounts.register()
    page = await accounts.client.get(
        USERS, headers=root.headers, params={"limit": 1, "sort": "email"}
    )
    cursor = page.json()["next_cursor"]
    assert cursor
    assert not cursor.isdigit()
    other = await accounts.client.get(
        USERS, headers=root.headers, params={"cursor": cursor, "sort": "-email"}
    )
    problem = assert_problem(other, 422, "validation_failed")
    assert problem["errors"][0]["field"] == "query.cursor"
    assert "not a cursor this API issued" in problem["errors"][0]["message"]
    tampered = cursor[:-2] + ("A" if cursor[-2] != "A" else "B") + cursor[-1]
    assert_problem(
        await accounts.client.get(USERS, headers=root.headers, params={"cursor": tampered}),
        422,
        "validation_failed",
    )


async def test_branches_features_and_roles_walk(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    for name in ("Pune", "Mumbai", "Delhi", "Mumbai", "Agra"):
        created = await accounts.client.post(
            "/api/v1/branches", headers=root.headers, json={"name": name}
        )
        assert created.status_code == 201, created.text
    for key in ("zeta", "alpha", "mid_one", "beta"):
        created = await accounts.client.post(
            "/api/v1/features", headers=root.headers, json={"key": key, "name": key.title()}
        )
        assert created.status_code == 201, created.text
    branches = await walk_pages(accounts.client, "/api/v1/branches", headers=root.headers, limit=2)
    assert [b["name"] for b in branches] == ["Agra", "Delhi", "Mumbai", "Mumbai", "Pune"]
    assert branches == await everything(accounts, "/api/v1/branches", root)
    features = await walk_pages(accounts.client, "/api/v1/features", headers=root.headers, limit=3)
    keys = [f["key"] for f in features]
    assert keys == sorted(keys)
    assert {"zeta", "alpha", "mid_one", "beta"} <= set(keys)
    roles = await walk_pages(accounts.client, "/api/v1/roles", headers=root.headers, limit=2)
    names = [r["name"] for r in roles]
    assert names == sorted(names)
    assert len(set(names)) == len(names) > 2
    assert roles == await everything(accounts, "/api/v1/roles", root)
    for url in (USERS, "/api/v1/branches", "/api/v1/features", "/api/v1/roles"):
        await assert_garbage_cursor_refused(accounts.client, url, headers=root.headers)


async def test_devices_and_login_activity_walk(accounts: Accounts) -> None:
    account = await accounts.register(device_id="device-0")
    for n in range(1, 4):
        login = await accounts.login(account.email, device_id=f"device-{n}")
        assert login.status_code == 200, login.text
    await accounts.login(account.email, "wrong password 1")
    devices = await walk_pages(
        accounts.client, "/api/v1/auth/devices", headers=account.headers, limit=2
    )
    assert len({d["id"] for d in devices}) == len(devices) == 4
    assert devices == await everything(accounts, "/api/v1/auth/devices", account)
    seen = [d["last_seen_at"] for d in devices]
    assert seen == sorted(seen, reverse=True)
    activity = await walk_pages(
        accounts.client, "/api/v1/auth/activity", headers=account.headers, limit=2
    )
    assert len({e["id"] for e in activity}) == len(activity) >= 5
    assert activity == await everything(accounts, "/api/v1/auth/activity", account)
    times = [e["occurred_at"] for e in activity]
    assert times == sorted(times, reverse=True)
    for url in ("/api/v1/auth/devices", "/api/v1/auth/activity", "/api/v1/auth/sessions"):
        await assert_garbage_cursor_refused(accounts.client, url, headers=account.headers)
