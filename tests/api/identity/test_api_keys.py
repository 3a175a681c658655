"""API keys and the partner API: the secret shown once, scopes enforced, expiry, revocation,
rotation with a grace period, last use, per-key rate limit, owners only."""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI

from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin
from tests.support.clock import FixedClock
from tests.support.pages import assert_garbage_cursor_refused, walk_pages

KEYS = "/api/v1/api-keys"
STATUS = "/api/public/v1/status"


async def partner(app: FastAPI, accounts: Accounts) -> Account:
    root = await super_admin(app, accounts)
    user = await accounts.register()
    granted = await accounts.client.put(
        f"/api/v1/users/{user.user['code']}/platforms/api", headers=root.headers
    )
    assert granted.json()["platforms"] == ["api", "mobile", "web"]
    return user


async def new_key(accounts: Accounts, owner: Account, **extra: Any) -> dict[str, Any]:
    body = {"name": "Reporting bot", "scopes": ["status:read"], **extra}
    response = await accounts.client.post(KEYS, headers=owner.headers, json=body)
    assert response.status_code == 201, response.text
    result: dict[str, Any] = response.json()
    return result


def key_header(secret: str) -> dict[str, str]:
    return {"X-API-Key": secret}


async def test_a_key_needs_the_api_platform(accounts: Accounts) -> None:
    user = await accounts.register()
    refused = await accounts.client.post(
        KEYS, headers=user.headers, json={"name": "k", "scopes": ["status:read"]}
    )
    assert_problem(refused, 403, "platform_not_granted")


async def test_the_secret_is_shown_once_and_works(app: FastAPI, accounts: Accounts) -> None:
    owner = await partner(app, accounts)
    created = await new_key(accounts, owner)
    secret, key = created["secret"], created["key"]
    assert secret.startswith(f"mk_{key['prefix']}_")
    listed = await accounts.client.get(KEYS, headers=owner.headers)
    assert secret not in listed.text
    status = await accounts.client.get(STATUS, headers=key_header(secret))
    assert status.status_code == 200, status.text
    assert status.json()["key_prefix"] == key["prefix"]
    read = await accounts.client.get(f"{KEYS}/{key['id']}", headers=owner.headers)
    assert read.json()["last_used_ip"] == "127.0.0.1"
    assert read.json()["last_used_at"] is not None
    async with accounts.container.engine.connect() as conn:
        from sqlalchemy import text

        stored = await conn.scalar(text("SELECT secret_digest FROM api_keys"))
    assert stored is not None
    assert secret.split("_")[-1] not in stored


async def test_scopes_are_enforced(app: FastAPI, accounts: Accounts) -> None:
    owner = await partner(app, accounts)
    prices_only = await new_key(accounts, owner, scopes=["prices:read"])
    refused = await accounts.client.get(STATUS, headers=key_header(prices_only["secret"]))
    assert_problem(refused, 403, "api_key_scope")
    unknown = await accounts.client.post(
        KEYS, headers=owner.headers, json={"name": "k", "scopes": ["everything"]}
    )
    assert_problem(unknown, 422, "unknown_scope")


async def test_missing_wrong_revoked_and_expired_keys_are_refused(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    owner = await partner(app, accounts)
    assert_problem(await accounts.client.get(STATUS), 401, "missing_api_key")
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header("mk_nope")), 401, "api_key_invalid"
    )
    good = await new_key(accounts, owner)
    forged = good["secret"][:-4] + "AAAA"
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header(forged)), 401, "api_key_invalid"
    )
    bearer_is_not_a_key = await accounts.client.get(STATUS, headers=owner.headers)
    assert_problem(bearer_is_not_a_key, 401, "missing_api_key")

    revoked = await accounts.client.post(
        f"{KEYS}/{good['key']['id']}/revoke", headers=owner.headers
    )
    assert revoked.json()["active"] is False
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header(good["secret"])),
        401,
        "api_key_revoked",
    )

    expires = (clock.now().replace(microsecond=0)).isoformat().replace("+00:00", "Z")
    assert_problem(
        await accounts.client.post(
            KEYS,
            headers=owner.headers,
            json={"name": "k", "scopes": ["status:read"], "expires_at": expires},
        ),
        422,
        "validation_failed",
    )
    clock_later = clock.now().timestamp() + 3600
    from datetime import UTC, datetime

    short = await new_key(
        accounts,
        owner,
        expires_at=datetime.fromtimestamp(clock_later, UTC).isoformat(),
    )
    assert (
        await accounts.client.get(STATUS, headers=key_header(short["secret"]))
    ).status_code == 200
    clock.advance(seconds=3601)
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header(short["secret"])),
        401,
        "api_key_expired",
    )


async def test_rotation_keeps_the_old_key_for_the_grace_period(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    owner = await partner(app, accounts)
    old = await new_key(accounts, owner)
    rotated = await accounts.client.post(
        f"{KEYS}/{old['key']['id']}/rotate", headers=owner.headers, json={"grace_seconds": 600}
    )
    assert rotated.status_code == 201, rotated.text
    new = rotated.json()
    assert new["key"]["prefix"] != old["key"]["prefix"]
    for secret in (old["secret"], new["secret"]):
        assert (await accounts.client.get(STATUS, headers=key_header(secret))).status_code == 200
    clock.advance(seconds=601)
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header(old["secret"])),
        401,
        "api_key_expired",
    )
    assert (await accounts.client.get(STATUS, headers=key_header(new["secret"]))).status_code == 200
    again = await accounts.client.post(f"{KEYS}/{old['key']['id']}/rotate", headers=owner.headers)
    assert_problem(again, 422, "api_key_not_active")


async def test_a_key_has_its_own_rate_limit(app: FastAPI, accounts: Accounts) -> None:
    owner = await partner(app, accounts)
    key = await new_key(accounts, owner, rate_limit_per_minute=2)
    answers = [
        (await accounts.client.get(STATUS, headers=key_header(key["secret"]))).status_code
        for _ in range(3)
    ]
    assert answers == [200, 200, 429]


async def test_keys_are_their_owners_and_stop_with_the_owner(
    app: FastAPI, accounts: Accounts
) -> None:
    root = await super_admin(app, accounts)
    owner = await partner(app, accounts)
    stranger = await accounts.register()
    key = await new_key(accounts, owner)
    for path in (f"{KEYS}/{key['key']['id']}", f"{KEYS}/{key['key']['id']}/revoke"):
        method = accounts.client.get if path.endswith(key["key"]["id"]) else accounts.client.post
        assert_problem(await method(path, headers=stranger.headers), 404, "api_key_not_found")
    assert_problem(
        await accounts.client.get(KEYS, headers=stranger.headers, params={"everyone": True}),
        403,
        "permission_denied",
    )
    everyone = await accounts.client.get(KEYS, headers=root.headers, params={"everyone": True})
    assert [k["prefix"] for k in everyone.json()["items"]] == [key["key"]["prefix"]]
    await accounts.client.delete(
        f"/api/v1/users/{owner.user['code']}/platforms/api", headers=root.headers
    )
    assert_problem(
        await accounts.client.get(STATUS, headers=key_header(key["secret"])),
        401,
        "api_key_invalid",
    )


async def test_keys_walk_in_pages_newest_first(app: FastAPI, accounts: Accounts) -> None:
    owner = await partner(app, accounts)
    made = [await new_key(accounts, owner, name=f"k{n}") for n in range(3)]
    mine = await walk_pages(accounts.client, KEYS, headers=owner.headers, limit=2)
    assert {k["id"] for k in mine} == {k["key"]["id"] for k in made}
    assert [(k["created_at"], k["id"]) for k in mine] == sorted(
        ((k["created_at"], k["id"]) for k in mine), reverse=True
    )
    root = await super_admin(app, accounts)
    everyone = await walk_pages(
        accounts.client, KEYS, headers=root.headers, limit=1, params={"everyone": "true"}
    )
    assert {k["id"] for k in mine} <= {k["id"] for k in everyone}
    assert len({k["id"] for k in everyone}) == len(everyone)
    await assert_garbage_cursor_refused(accounts.client, KEYS, headers=owner.headers)
