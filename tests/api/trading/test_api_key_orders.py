"""A programmatic client trades with an API key: the key's scopes decide which trading routes
it reaches, an order must be signed, and the order's audit entry names the key."""

from __future__ import annotations

import json
import uuid
from typing import Any

from sqlalchemy import text

from tests.api.identity.key_clients import signed
from tests.api.identity.test_api_keys import new_key
from tests.api.trading.conftest import API, Trading
from tests.support.accounts import Account, assert_problem


async def keyed_investor(trading: Trading, scopes: list[str]) -> tuple[Account, dict[str, Any]]:
    investor = await trading.investor(usd="1000.00")
    root = await trading.admin()
    granted = await trading.client.put(
        f"/api/v1/users/{investor.user['code']}/platforms/api", headers=root.headers
    )
    assert granted.status_code == 200, granted.text
    return investor, await new_key(trading.accounts, investor, scopes=scopes)


async def test_a_trade_key_places_a_signed_order_that_is_audited_with_the_key(
    trading: Trading,
) -> None:
    investor, key = await keyed_investor(trading, ["account:read", "market:read", "trade"])
    secret: str = key["secret"]
    order = {
        "symbol": "SOL-USD",
        "side": "buy",
        "quantity": "1",
        "price": "150.00",
        "order_type": "limit",
        "time_in_force": "gtc",
        "client_order_id": "bot-1",
    }
    body = json.dumps(order).encode()
    target = f"{API}/orders"
    headers = {"Content-Type": "application/json", "Idempotency-Key": str(uuid.uuid4())}

    unsigned = await trading.client.post(
        target, headers={**headers, "X-API-Key": secret}, content=body
    )
    assert_problem(unsigned, 401, "api_key_signature_required")

    at = trading.container.clock.now()
    placed = await trading.client.post(
        target, headers={**headers, **signed(secret, "POST", target, body, at=at)}, content=body
    )
    assert placed.status_code == 201, placed.text
    assert placed.json()["status"] == "accepted"

    mine = await trading.client.get(f"{API}/orders", headers={"X-API-Key": secret})
    assert mine.status_code == 200, mine.text
    assert [o["client_order_id"] for o in mine.json()["items"]] == ["bot-1"]
    book = await trading.client.get(
        f"{API}/instruments/SOL-USD/book", headers={"X-API-Key": secret}, params={"side": "buy"}
    )
    assert book.status_code == 200, book.text

    async with trading.container.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT action, actor_kind, actor_id, api_key_id FROM audit_log "
                    "WHERE resource_type = 'trading_order'"
                )
            )
        ).all()
    assert [(r.actor_kind, r.actor_id, r.api_key_id) for r in rows] == [
        ("api_key", investor.user["id"], key["key"]["id"])
    ]
    assert rows[0].action.startswith("trading.")


async def test_a_read_only_key_cannot_trade_and_no_key_manages_instruments(
    trading: Trading,
) -> None:
    investor, key = await keyed_investor(trading, ["account:read", "market:read"])
    secret: str = key["secret"]
    body = json.dumps(
        {"symbol": "SOL-USD", "side": "buy", "quantity": "1", "price": "150.00",
         "order_type": "limit", "time_in_force": "gtc", "client_order_id": "bot-2"}
    ).encode()  # fmt: skip
    target = f"{API}/orders"
    at = trading.container.clock.now()
    refused = await trading.client.post(
        target,
        headers={"Content-Type": "application/json", **signed(secret, "POST", target, body, at=at)},
        content=body,
    )
    assert_problem(refused, 403, "api_key_scope")
    positions = await trading.client.get(f"{API}/positions", headers={"X-API-Key": secret})
    assert positions.status_code == 200, positions.text
    assert (await trading.get("/orders", investor)).json()["items"] == []  # nothing was placed

    halt = f"{API}/instruments/SOL-USD/halt"
    halted = await trading.client.post(
        halt, headers=signed(secret, "POST", halt, b"", at=trading.container.clock.now())
    )
    assert_problem(halted, 403, "api_key_not_accepted")
