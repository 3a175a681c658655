"""What the API-key client tests share: a partner with a trading key, signed headers at the
server's clock, and a probe route that accepts keys for a state-changing request (the trading
routes that will do so live in another context)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from fastapi import APIRouter, FastAPI

from adapters.http.auth import CurrentActor
from adapters.http.policy import AUTHENTICATED, access
from domain.identity.request_signing import sign
from tests.api.identity.test_api_keys import new_key, partner
from tests.support.accounts import Account, Accounts

TRADING_SCOPES = ["account:read", "market:read", "trade"]
PROBE = "/api/v1/probe/orders"


def signed(
    key: str, method: str, target: str, body: bytes = b"", *, at: datetime
) -> dict[str, str]:
    timestamp = str(int(at.timestamp() * 1000))
    return {
        "X-MK-Key": "_".join(key.split("_")[:2]),
        "X-MK-Timestamp": timestamp,
        "X-MK-Signature": sign(key, timestamp, method, target, body),
    }


async def trader(app: FastAPI, accounts: Accounts, **extra: Any) -> tuple[Account, dict[str, Any]]:
    owner = await partner(app, accounts)
    return owner, await new_key(accounts, owner, **{"scopes": TRADING_SCOPES, **extra})


def mount_probe(app: FastAPI) -> None:
    """``POST /api/v1/probe/orders`` with the key scope ``trade``: answers who the actor is."""
    router = APIRouter(tags=["probe"])

    @router.post(PROBE)
    @access(AUTHENTICATED, key_scope="trade")
    async def place_probe(actor: CurrentActor) -> dict[str, Any]:
        return {
            "kind": actor.kind,
            "user_id": str(actor.user_id),
            "api_key_id": actor.api_key_id,
            "permissions": sorted(actor.permissions),
        }

    app.include_router(router)
