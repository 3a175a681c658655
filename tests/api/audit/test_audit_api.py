"""The audit trail over HTTP, as real users."""

from __future__ import annotations

import csv
import io

import httpx
from fastapi import FastAPI

from tests.support.accounts import Accounts, assert_problem
from tests.support.admins import super_admin
from tests.support.pages import assert_garbage_cursor_refused, walk_pages


async def test_a_user_sees_their_own_changes_with_who_and_from_where(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    off = {"preferences": [{"category": "marketing", "channel": "email", "enabled": False}]}
    changed = await client.put(
        "/api/v1/notifications/preferences",
        json=off,
        headers={**alice.headers, "X-Request-ID": "req-audit-1"},
    )
    assert changed.status_code == 200
    page = (
        await client.get(
            "/api/v1/audit/me?action=notifications.update_preferences", headers=alice.headers
        )
    ).json()
    [event] = page["items"]
    assert event["actor_id"] == alice.user["code"]  # the identifier routes take, not the id
    assert event["changes"] == {"marketing.email": {"before": True, "after": False}}
    assert event["request_id"] == "req-audit-1"

    exported = await client.get("/api/v1/audit/me?format=csv", headers=alice.headers)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.DictReader(io.StringIO(exported.text)))
    assert "notifications.update_preferences" in {r["action"] for r in rows}


async def test_the_system_trail_and_verification_are_for_auditors_only(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    bob = await accounts.register()
    assert_problem(
        await client.get("/api/v1/audit/system", headers=bob.headers), 403, "permission_denied"
    )
    assert_problem(
        await client.get("/api/v1/audit/verify", headers=bob.headers), 403, "permission_denied"
    )
    assert (await client.get("/api/v1/audit/system")).status_code == 401


async def test_an_auditor_reads_one_user_s_trail_by_user_code(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts
) -> None:
    auditor = await super_admin(app, accounts)
    alice = await accounts.register()
    me = (await client.get("/api/v1/users/me", headers=alice.headers)).json()
    off = {"preferences": [{"category": "marketing", "channel": "sms", "enabled": False}]}
    await client.put("/api/v1/notifications/preferences", json=off, headers=alice.headers)

    trail = await client.get(f"/api/v1/audit/user/{me['code']}", headers=auditor.headers)
    assert trail.status_code == 200, trail.text
    events = trail.json()["items"]
    actions = [e["action"] for e in events]
    assert actions[0] == "notifications.update_preferences"
    assert "identity.login_succeeded" in actions  # the registration's own sign-in
    assert {e["actor_id"] for e in events} <= {alice.user["code"], None}

    filtered = await client.get(
        f"/api/v1/audit/user/{me['code']}?action=notifications.update_preferences",
        headers=auditor.headers,
    )
    assert len(filtered.json()["items"]) == 1
    assert_problem(
        await client.get("/api/v1/audit/user/USR-ZZZZZZ", headers=auditor.headers),
        404,
        "user_not_found",
    )
    assert_problem(
        await client.get(f"/api/v1/audit/user/{me['code']}", headers=alice.headers),
        403,
        "permission_denied",
    )
    verified = (await client.get("/api/v1/audit/verify", headers=auditor.headers)).json()
    assert verified["intact"] is True
    assert verified["entries"] >= len(events)


async def test_audit_answers_and_filters_name_users_by_their_code(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts
) -> None:
    auditor = await super_admin(app, accounts)
    alice = await accounts.register()
    off = {"preferences": [{"category": "marketing", "channel": "email", "enabled": False}]}
    await client.put("/api/v1/notifications/preferences", json=off, headers=alice.headers)
    code = alice.user["code"]
    action = "notifications.update_preferences"
    by_code = await client.get(
        "/api/v1/audit/system", params={"actor_id": code, "action": action}, headers=auditor.headers
    )
    assert by_code.status_code == 200, by_code.text
    [event] = by_code.json()["items"]
    assert (event["actor_kind"], event["actor_id"], event["resource_id"]) == ("user", code, code)
    about = await client.get(
        "/api/v1/audit/system",
        params={"resource_id": code, "action": action},
        headers=auditor.headers,
    )
    assert [e["id"] for e in about.json()["items"]] == [event["id"]]
    exported = await client.get(
        "/api/v1/audit/system",
        params={"actor_id": code, "action": action, "format": "csv"},
        headers=auditor.headers,
    )
    [row] = list(csv.DictReader(io.StringIO(exported.text)))
    assert (row["actor_id"], row["resource_id"]) == (code, code)
    assert alice.user["id"] not in by_code.text + exported.text


async def test_my_trail_walks_in_pages_with_opaque_cursors(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    alice = await accounts.register()
    for n in range(5):
        body = {
            "preferences": [{"category": "marketing", "channel": "email", "enabled": bool(n % 2)}]
        }
        changed = await client.put(
            "/api/v1/notifications/preferences", json=body, headers=alice.headers
        )
        assert changed.status_code == 200, changed.text
    action = {"action": "notifications.update_preferences"}
    first = await client.get(
        "/api/v1/audit/me", headers=alice.headers, params={**action, "limit": 2}
    )
    cursor = first.json()["next_cursor"]
    assert cursor is not None
    assert not cursor.isdigit()  # it was the bare sequence number
    walked = await walk_pages(
        client, "/api/v1/audit/me", headers=alice.headers, limit=2, params=action
    )
    assert len(walked) == len({e["id"] for e in walked}) == 5
    times = [e["occurred_at"] for e in walked]
    assert times == sorted(times, reverse=True)
    await assert_garbage_cursor_refused(client, "/api/v1/audit/me", headers=alice.headers)
