"""The signed-request example of docs/api_keys.md, run as written against the app: a read and
a state-changing request, so the documentation cannot drift from the server."""

from __future__ import annotations

import re
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from fastapi import FastAPI

from tests.api.identity.key_clients import PROBE, mount_probe, trader
from tests.support.accounts import Accounts
from tests.support.clock import FixedClock

DOC = Path(__file__).resolve().parents[3] / "docs" / "api_keys.md"
EXAMPLE = re.compile(
    r"<!-- signed-request-example -->\s*```python\n(?P<code>.*?)```\s*"
    r"<!-- /signed-request-example -->",
    re.DOTALL,
)


def example() -> dict[str, Any]:
    found = EXAMPLE.search(DOC.read_text())
    assert found, "docs/api_keys.md lost its marked signed-request example"
    namespace: dict[str, Any] = {}
    exec(compile(found["code"], str(DOC), "exec"), namespace)  # noqa: S102 - our own docs
    return namespace


async def test_the_documented_example_signs_requests_the_server_accepts(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    mount_probe(app)
    owner, key = await trader(app, accounts)
    signed_request = example()["signed_request"]
    # The example signs with the wall clock; the suite's server clock stands where the test
    # began, so bring it to now (setting up the partner may take seconds on a loaded machine).
    clock.at = datetime.now(UTC)
    balances = await signed_request(
        accounts.client, key["secret"], "GET", "/api/v1/ledger/balances", params={"limit": 10}
    )
    assert balances.status_code == 200, balances.text
    me = await signed_request(accounts.client, key["secret"], "GET", "/api/v1/users/me")
    assert me.json()["code"] == owner.user["code"]
    placed = await signed_request(
        accounts.client, key["secret"], "POST", PROBE, json={"symbol": "AAPL", "qty": "1"}
    )
    assert placed.status_code == 200, placed.text
    assert placed.json()["api_key_id"] == key["key"]["id"]
