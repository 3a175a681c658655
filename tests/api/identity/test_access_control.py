"""Access control over HTTP: codes, roles and effective permissions, user administration,
blocking, branches, features, security settings. Real users, a super admin made through the
create-admin use case, real PostgreSQL (and Redis when reachable)."""

from __future__ import annotations

import asyncio
from typing import Any

import pytest
from fastapi import FastAPI
from sqlalchemy import text

from domain.identity import human_code
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import grant_role, relogin, super_admin
from tests.support.clock import FixedClock
from tests.support.pages import walk_pages

USERS = "/api/v1/users"


async def permissions_of(accounts: Accounts, who: Account, code: str) -> dict[str, Any]:
    response = await accounts.client.get(f"{USERS}/{code}/permissions", headers=who.headers)
    assert response.status_code == 200, response.text
    body: dict[str, Any] = response.json()
    return body


async def users_row(accounts: Accounts, code: str) -> dict[str, Any]:
    async with accounts.container.engine.connect() as conn:
        row = (
            await conn.execute(
                text("SELECT roles, status, platforms FROM users WHERE code = :c"), {"c": code}
            )
        ).one()
    return dict(row._mapping)


async def test_a_new_user_gets_a_code_and_the_user_role(accounts: Accounts) -> None:
    account = await accounts.register()
    code = account.user["code"]
    assert human_code.normalise_code(code, "USR") == code
    mine = await permissions_of(accounts, account, code.lower())  # codes read case-blind
    assert mine["roles"] == [{"role": "user", "scope": None}]
    assert mine["permissions"] == []


async def test_a_role_counts_at_once_and_its_removal_too(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    code = user.user["code"]
    refused = await accounts.client.get(USERS, headers=user.headers)
    assert_problem(refused, 403, "permission_denied")

    await grant_role(accounts, root, user, "admin")
    await accounts.enable_two_factor(user)  # admin roles require it
    listed = await accounts.client.get(USERS, headers=user.headers)  # the same access token
    assert listed.status_code == 200, listed.text
    perms = await permissions_of(accounts, root, code)
    read = next(p for p in perms["permissions"] if p["permission"] == "users:read")
    assert read["granted_by"] == [{"role": "admin", "scope": None}]

    removed = await accounts.client.delete(f"{USERS}/{code}/roles/admin", headers=root.headers)
    assert removed.status_code == 200, removed.text
    assert_problem(await accounts.client.get(USERS, headers=user.headers), 403, "permission_denied")


async def test_scoped_roles_give_scoped_permissions(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    await grant_role(accounts, root, user, "company_admin", "issuer:42")
    perms = await permissions_of(accounts, user, user.user["code"])
    issue = next(p for p in perms["permissions"] if p["permission"] == "captable:issue")
    assert issue["scope"] == "issuer:42"
    missing_scope = await accounts.client.post(
        f"{USERS}/{user.user['code']}/roles", headers=root.headers, json={"role": "shareholder"}
    )
    assert_problem(missing_scope, 422, "invalid_scope")


async def test_bad_requests_are_refused_and_change_nothing(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    code = user.user["code"]
    before = await users_row(accounts, code)
    unknown_role = await accounts.client.post(
        f"{USERS}/{code}/roles", headers=root.headers, json={"role": "wizard"}
    )
    body = assert_problem(unknown_role, 422, "unknown_role")
    assert body["errors"][0]["field"] == "body.role"
    unknown_user = await accounts.client.post(
        f"{USERS}/USR-ZZZZZZ/roles", headers=root.headers, json={"role": "admin"}
    )
    assert_problem(unknown_user, 404, "user_not_found")
    assert_problem(
        await accounts.client.get(f"{USERS}/not-a-code", headers=root.headers),
        404,
        "user_not_found",
    )
    bad_cidr = await accounts.client.patch(
        f"{USERS}/{code}/security-settings",
        headers=root.headers,
        json={"ip_allowlist": ["10.0.0.0/8", "300.1.1.1/33", "10.0.0.1/8"]},
    )
    problem = assert_problem(bad_cidr, 422, "invalid_cidr")
    assert {e["field"] for e in problem["errors"]} == {
        "body.ip_allowlist.1",
        "body.ip_allowlist.2",
    }
    settings = await accounts.client.get(f"{USERS}/{code}/security-settings", headers=user.headers)
    assert settings.json()["ip_allowlist"] == []
    assert await users_row(accounts, code) == before


async def test_a_bad_role_or_scope_in_the_url_is_named_where_it_was_sent(
    app: FastAPI, accounts: Accounts
) -> None:
    """The domain names ``role`` and ``scope``; on this route they are a path segment and a
    query parameter, not body fields (before the error handler mapped them: ``body.role``)."""
    root = await super_admin(app, accounts)
    code = (await accounts.register()).user["code"]
    unknown = await accounts.client.delete(f"{USERS}/{code}/roles/wizard", headers=root.headers)
    body = assert_problem(unknown, 422, "unknown_role")
    assert [e["field"] for e in body["errors"]] == ["path.role"]
    assert body["detail"].startswith("path.role: ")
    scoped = await accounts.client.delete(
        f"{USERS}/{code}/roles/admin", params={"scope": "issuer:1"}, headers=root.headers
    )
    body = assert_problem(scoped, 422, "invalid_scope")
    assert [e["field"] for e in body["errors"]] == ["query.scope"]


async def test_admins_cannot_make_super_admins(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    admin = await accounts.register()
    await grant_role(accounts, root, admin, "admin")
    await accounts.enable_two_factor(admin)  # admin roles require it
    target = await accounts.register()
    escalate = await accounts.client.post(
        f"{USERS}/{admin.user['code']}/roles", headers=admin.headers, json={"role": "super_admin"}
    )
    assert_problem(escalate, 403, "permission_denied")
    ok = await accounts.client.post(
        f"{USERS}/{target.user['code']}/roles", headers=admin.headers, json={"role": "investor"}
    )
    assert ok.status_code == 200, ok.text


async def test_only_the_owner_or_an_operator_sees_permissions(
    app: FastAPI, accounts: Accounts
) -> None:
    alice, bob = await accounts.register(), await accounts.register()
    other = await accounts.client.get(
        f"{USERS}/{alice.user['code']}/permissions", headers=bob.headers
    )
    assert_problem(other, 404, "user_not_found")  # same answer as an unknown code
    nobody = await accounts.client.get(f"{USERS}/USR-ZZZZZZ/permissions", headers=bob.headers)
    assert_problem(nobody, 404, "user_not_found")


async def test_blocking_ends_every_token_at_once(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    second = await relogin(accounts, Account(**{**user.__dict__}))
    assert (await accounts.client.get(f"{USERS}/me", headers=user.headers)).status_code == 200
    blocked = await accounts.client.post(
        f"{USERS}/{user.user['code']}/block", headers=root.headers, json={"reason": "Fraud case 7"}
    )
    assert blocked.status_code == 204, blocked.text
    for tokens in (user, second):
        refused = await accounts.client.get(f"{USERS}/me", headers=tokens.headers)
        assert_problem(refused, 401, "token_revoked")
    assert_problem(await accounts.refresh(second.tokens["refresh_token"]), 401, "token_revoked")
    assert_problem(await accounts.login(user.email), 401, "invalid_credentials")
    shown = await accounts.client.get(f"{USERS}/{user.user['code']}", headers=root.headers)
    assert (shown.json()["status"], shown.json()["blocked_reason"]) == ("blocked", "Fraud case 7")

    unblocked = await accounts.client.post(
        f"{USERS}/{user.user['code']}/unblock", headers=root.headers
    )
    assert unblocked.status_code == 204
    assert (await accounts.login(user.email)).status_code == 200
    async with accounts.container.engine.connect() as conn:
        actions = (
            await conn.scalars(
                text("SELECT action FROM audit_log WHERE resource_id = :c ORDER BY seq"),
                {"c": user.user["code"]},
            )
        ).all()
    assert actions == ["identity.user_blocked", "identity.user_unblocked"]


async def test_nobody_blocks_themselves_or_the_last_super_admin(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    admin = await accounts.register()
    await grant_role(accounts, root, admin, "admin")
    await accounts.enable_two_factor(admin)  # admin roles require it
    own = await accounts.client.post(
        f"{USERS}/{admin.user['code']}/block", headers=admin.headers, json={"reason": "oops"}
    )
    assert_problem(own, 422, "cannot_block_yourself")
    last = await accounts.client.post(
        f"{USERS}/{root.user['code']}/block", headers=admin.headers, json={"reason": "coup"}
    )
    assert_problem(last, 422, "last_super_admin")
    drop = await accounts.client.delete(
        f"{USERS}/{root.user['code']}/roles/super_admin", headers=root.headers
    )
    assert_problem(drop, 422, "last_super_admin")
    assert (await users_row(accounts, root.user["code"]))["status"] == "active"
    assert (await accounts.client.get(f"{USERS}/me", headers=root.headers)).status_code == 200


async def test_search_filters_sorts_and_pages(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    people = [await accounts.register() for _ in range(3)]
    await grant_role(accounts, root, people[0], "company_admin", "issuer:7")
    by_role = await accounts.client.get(
        USERS, headers=root.headers, params={"role": "company_admin"}
    )
    assert [u["code"] for u in by_role.json()["items"]] == [people[0].user["code"]]
    by_code = await accounts.client.get(
        USERS, headers=root.headers, params={"q": people[1].user["code"]}
    )
    assert [u["code"] for u in by_code.json()["items"]] == [people[1].user["code"]]
    assert by_code.json()["next_cursor"] is None
    codes = sorted([p.user["code"] for p in people] + [root.user["code"]])
    for sort, expected in (("code", codes), ("-code", codes[::-1])):
        walked = await walk_pages(
            accounts.client, USERS, headers=root.headers, limit=2, params={"sort": sort}
        )
        assert [u["code"] for u in walked] == expected, sort
    assert_problem(
        await accounts.client.get(USERS, headers=root.headers, params={"role": "wizard"}),
        422,
        "unknown_role",
    )


async def test_search_by_status_takes_the_status_enum(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    person = await accounts.register()
    blocked = await accounts.client.post(
        f"{USERS}/{person.user['code']}/block", headers=root.headers, json={"reason": "fraud check"}
    )
    assert blocked.status_code < 300, blocked.text
    found = await accounts.client.get(USERS, headers=root.headers, params={"status": "blocked"})
    assert [u["code"] for u in found.json()["items"]] == [person.user["code"]]
    active = await accounts.client.get(USERS, headers=root.headers, params={"status": "active"})
    assert [u["code"] for u in active.json()["items"]] == [root.user["code"]]
    bad = await accounts.client.get(USERS, headers=root.headers, params={"status": "frozen"})
    problem = assert_problem(bad, 422, "validation_failed")
    assert [(e["field"], e["message"]) for e in problem["errors"]] == [
        ("query.status", "must be one of 'active' or 'blocked'")
    ]


async def test_branches_lifecycle(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    created = await accounts.client.post(
        "/api/v1/branches", headers=root.headers, json={"name": "Mumbai"}
    )
    assert created.status_code == 201, created.text
    code = created.json()["code"]
    moved = await accounts.client.patch(
        f"{USERS}/{user.user['code']}", headers=root.headers, json={"branch_code": code}
    )
    assert moved.json()["branch_code"] == code
    busy = await accounts.client.delete(f"/api/v1/branches/{code}", headers=root.headers)
    assert_problem(busy, 409, "branch_has_users")
    await accounts.client.patch(
        f"{USERS}/{user.user['code']}", headers=root.headers, json={"branch_code": None}
    )
    renamed = await accounts.client.patch(
        f"/api/v1/branches/{code}", headers=root.headers, json={"name": "Pune"}
    )
    assert renamed.json()["name"] == "Pune"
    gone = await accounts.client.delete(f"/api/v1/branches/{code}", headers=root.headers)
    assert gone.status_code == 204
    assert_problem(
        await accounts.client.get(f"/api/v1/branches/{code}", headers=root.headers),
        404,
        "branch_not_found",
    )
    listed = await accounts.client.get("/api/v1/branches", headers=root.headers)
    assert listed.json() == {"items": [], "next_cursor": None}


async def test_concurrent_creations_draw_unique_codes_despite_collisions(
    app: FastAPI, accounts: Accounts, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = await super_admin(app, accounts)
    draws = iter(["AAAAAA"] * 12 + [f"B{i:05d}" for i in range(100)])
    monkeypatch.setattr(human_code, "_random_body", lambda: next(draws))
    results = await asyncio.gather(
        *(
            accounts.client.post(
                "/api/v1/branches", headers=root.headers, json={"name": f"Branch {i}"}
            )
            for i in range(10)
        )
    )
    assert all(r.status_code == 201 for r in results), [r.text for r in results]
    codes = [r.json()["code"] for r in results]
    assert len(set(codes)) == 10
    assert "BRN-AAAAAA" in codes


async def test_a_disabled_feature_is_refused_for_everyone(app: FastAPI, accounts: Accounts) -> None:
    root = await super_admin(app, accounts)
    created = await accounts.client.post(
        "/api/v1/features",
        headers=root.headers,
        json={"key": "public_api", "name": "Partner API"},
    )
    assert created.status_code == 201, created.text
    duplicate = await accounts.client.post(
        "/api/v1/features", headers=root.headers, json={"key": "public_api", "name": "Again"}
    )
    assert_problem(duplicate, 409, "duplicate")
    code = created.json()["code"]
    off = await accounts.client.patch(
        f"/api/v1/features/{code}", headers=root.headers, json={"enabled": False}
    )
    assert off.json()["enabled"] is False
    await accounts.client.put(f"{USERS}/{root.user['code']}/platforms/api", headers=root.headers)
    key = await accounts.client.post(
        "/api/v1/api-keys", headers=root.headers, json={"name": "k", "scopes": ["status:read"]}
    )
    refused = await accounts.client.get(
        "/api/public/v1/status", headers={"X-API-Key": key.json()["secret"]}
    )
    assert_problem(refused, 403, "feature_disabled")


async def test_an_allowlist_refuses_tokens_and_logins_from_elsewhere(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    code = user.user["code"]
    mine = await accounts.client.patch(
        f"{USERS}/{code}/security-settings",
        headers=user.headers,
        json={"ip_allowlist": ["10.0.0.0/8"]},
    )
    assert_problem(mine, 422, "allowlist_excludes_you")  # the test client is 127.0.0.1
    set_by_admin = await accounts.client.patch(
        f"{USERS}/{code}/security-settings",
        headers=root.headers,
        json={"ip_allowlist": ["10.0.0.0/8", "2001:db8::/32"]},
    )
    assert set_by_admin.status_code == 200, set_by_admin.text
    assert_problem(
        await accounts.client.get(f"{USERS}/me", headers=user.headers), 403, "ip_not_allowed"
    )
    assert_problem(await accounts.login(user.email), 401, "invalid_credentials")
    async with accounts.container.engine.connect() as conn:
        reasons = (
            await conn.scalars(
                text("SELECT reason FROM login_activity WHERE event = 'access_refused'")
            )
        ).all()
    assert "ip_not_allowed" in reasons


async def test_a_role_can_require_two_factor(app: FastAPI, accounts: Accounts) -> None:
    """Changed with platform admin roles always requiring two-factor (see
    test_admin_two_factor.py): a role an operator chooses, here ``investor``."""
    root = await super_admin(app, accounts)
    holder = await accounts.register()
    await grant_role(accounts, root, holder, "investor")
    assert (await permissions_of(accounts, holder, holder.user["code"]))["suspended"] is False
    required = await accounts.client.patch(
        "/api/v1/roles/investor", headers=root.headers, json={"require_two_factor": True}
    )
    assert required.json()["require_two_factor"] is True
    try:
        perms = await permissions_of(accounts, holder, holder.user["code"])
        assert perms["suspended"] is True
        await accounts.enable_two_factor(holder)
        perms = await permissions_of(accounts, holder, holder.user["code"])
        assert perms["suspended"] is False
    finally:
        lifted = await accounts.client.patch(
            "/api/v1/roles/investor", headers=root.headers, json={"require_two_factor": False}
        )
        assert lifted.status_code == 200, lifted.text
    assert_problem(
        await accounts.client.patch(
            "/api/v1/roles/wizard", headers=root.headers, json={"require_two_factor": True}
        ),
        422,
        "unknown_role",
    )


async def test_an_idle_session_ends(app: FastAPI, accounts: Accounts, clock: FixedClock) -> None:
    user = await accounts.register()
    code = user.user["code"]
    saved = await accounts.client.patch(
        f"{USERS}/{code}/security-settings",
        headers=user.headers,
        json={"session_idle_timeout_seconds": 120},
    )
    assert saved.status_code == 200, saved.text
    clock.advance(seconds=90)
    assert (await accounts.client.get(f"{USERS}/me", headers=user.headers)).status_code == 200
    clock.advance(seconds=90)
    assert (await accounts.client.get(f"{USERS}/me", headers=user.headers)).status_code == 200
    clock.advance(seconds=121)
    assert_problem(
        await accounts.client.get(f"{USERS}/me", headers=user.headers), 401, "session_idle"
    )
    assert_problem(
        await accounts.client.get(f"{USERS}/me", headers=user.headers), 401, "token_revoked"
    )


async def test_revoking_a_platform_ends_sessions_and_login_there(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    revoked = await accounts.client.delete(
        f"{USERS}/{user.user['code']}/platforms/web", headers=root.headers
    )
    assert revoked.json()["platforms"] == ["mobile"]
    assert_problem(
        await accounts.client.get(f"{USERS}/me", headers=user.headers), 401, "token_revoked"
    )
    assert_problem(await accounts.login(user.email), 401, "invalid_credentials")
    mobile = await accounts.client.post(
        "/api/v1/auth/login",
        json={"identifier": user.email, "password": user.password, "platform": "mobile"},
    )
    assert mobile.status_code == 200, mobile.text
    unknown = await accounts.client.put(
        f"{USERS}/{user.user['code']}/platforms/fax", headers=root.headers
    )
    assert_problem(unknown, 422, "unknown_platform")
