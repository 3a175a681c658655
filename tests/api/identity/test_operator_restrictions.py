"""Restrictions an operator sets on a user (IP allowlist, idle timeout) only an operator relaxes;
the user may still tighten them, and restrictions the user set themselves stay theirs."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
from fastapi import FastAPI

from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin

USERS = "/api/v1/users"
LOCAL = ["127.0.0.0/8", "10.0.0.0/8"]  # the test client is 127.0.0.1


@pytest.fixture
async def root(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


async def patch(
    accounts: Accounts, who: Account, user: Account, body: dict[str, Any]
) -> httpx.Response:
    return await accounts.client.patch(
        f"{USERS}/{user.user['code']}/security-settings", headers=who.headers, json=body
    )


def locked(response: httpx.Response, field: str) -> None:
    problem = assert_problem(response, 403, "security_setting_locked")
    assert [e["field"] for e in problem["errors"]] == [field]


async def test_an_allowlist_set_by_an_operator_cannot_be_lifted_or_widened_by_the_user(
    accounts: Accounts, root: Account
) -> None:
    user = await accounts.register()
    assert (await patch(accounts, root, user, {"ip_allowlist": LOCAL})).status_code == 200
    field = "body.ip_allowlist"
    locked(await patch(accounts, user, user, {"ip_allowlist": []}), field)
    locked(await patch(accounts, user, user, {"ip_allowlist": [*LOCAL, "0.0.0.0/0"]}), field)
    locked(await patch(accounts, user, user, {"ip_allowlist": ["126.0.0.0/7"]}), field)
    narrower = await patch(accounts, user, user, {"ip_allowlist": ["127.0.0.0/8"]})
    assert narrower.status_code == 200, narrower.text
    assert narrower.json()["ip_allowlist"] == ["127.0.0.0/8"]
    # still the operator's: narrowing did not hand it over
    locked(await patch(accounts, user, user, {"ip_allowlist": LOCAL}), field)
    lifted = await patch(accounts, root, user, {"ip_allowlist": []})
    assert lifted.status_code == 200, lifted.text
    mine = await patch(accounts, user, user, {"ip_allowlist": ["127.0.0.1"]})
    assert mine.status_code == 200, mine.text
    widened = await patch(accounts, user, user, {"ip_allowlist": []})
    assert widened.status_code == 200, widened.text  # the user's own restriction stays theirs


async def test_an_idle_timeout_set_by_an_operator_can_only_get_shorter(
    accounts: Accounts, root: Account
) -> None:
    user = await accounts.register()
    set_by_root = await patch(accounts, root, user, {"session_idle_timeout_seconds": 900})
    assert set_by_root.status_code == 200, set_by_root.text
    field = "body.session_idle_timeout_seconds"
    locked(await patch(accounts, user, user, {"session_idle_timeout_seconds": None}), field)
    locked(await patch(accounts, user, user, {"session_idle_timeout_seconds": 3600}), field)
    shorter = await patch(accounts, user, user, {"session_idle_timeout_seconds": 300})
    assert shorter.status_code == 200, shorter.text
    locked(await patch(accounts, user, user, {"session_idle_timeout_seconds": 900}), field)
    got = await accounts.client.get(
        f"{USERS}/{user.user['code']}/security-settings", headers=user.headers
    )
    assert got.json()["session_idle_timeout_seconds"] == 300
    cleared = await patch(accounts, root, user, {"session_idle_timeout_seconds": None})
    assert cleared.status_code == 200, cleared.text
    own = await patch(accounts, user, user, {"session_idle_timeout_seconds": 600})
    assert own.status_code == 200, own.text
    longer = await patch(accounts, user, user, {"session_idle_timeout_seconds": 7200})
    assert longer.status_code == 200, longer.text
