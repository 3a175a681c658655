"""The audit trail over HTTP, as real users."""

from __future__ import annotations

import csv
import io

import httpx

from tests.support.accounts import Accounts, assert_problem


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
    assert event["actor_id"] == alice.user["id"]
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
