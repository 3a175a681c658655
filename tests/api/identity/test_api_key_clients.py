"""API keys on ordinary routes, as a trading client uses them: the owner's account read with
``account:read``, deny by default everywhere else (money out above all), signed requests
(good, bad, stale, replayed), revoked, expired and rotated keys, the key's IP allowlist and
rate limit, the audit entry of a state-changing keyed request, and one user's key never
reading another's data."""

from __future__ import annotations

import uuid
from datetime import timedelta
from decimal import Decimal

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from adapters.http.policy import policy_of
from adapters.http.routes import route_table
from domain.identity.access import CATALOG
from domain.identity.api_key import SCOPES
from domain.shared.ids import UserId
from infrastructure.container import Container
from tests.api.identity.key_clients import PROBE, TRADING_SCOPES, mount_probe, signed, trader
from tests.api.identity.test_api_keys import new_key
from tests.api.identity.test_cache_loss import lose_the_cache
from tests.api.identity.test_principal_cache import redis_unreachable
from tests.support.accounts import Accounts, assert_problem
from tests.support.clock import FixedClock
from tests.support.ledger import LedgerDriver

ME = "/api/v1/users/me"
BALANCES = "/api/v1/ledger/balances"
TRANSACTIONS = "/api/v1/ledger/transactions"
MONEY_OUT_AND_CREDENTIALS = {
    ("POST", "/api/v1/banking/withdrawals"),
    ("POST", "/api/v1/auth/change-password"),
    ("POST", "/api/v1/api-keys"),
    ("POST", "/api/v1/api-keys/{key_id}/revoke"),
    ("POST", "/api/v1/api-keys/{key_id}/rotate"),
    ("PATCH", "/api/v1/api-keys/{key_id}"),
}
# currency conversion (banking's FX routes): money out of one currency, never a key's
CONVERSIONS = {("POST", "/api/v1/banking/fx/quotes"), ("POST", "/api/v1/banking/fx/conversions")}


async def test_a_key_reads_its_owners_account_and_never_anothers(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    alice, alice_key = await trader(app, accounts)
    bob, _ = await trader(app, accounts)
    ledger = LedgerDriver(accounts.container.session_factory, clock)
    alice_cash = await ledger.user_cash(owner=UserId(uuid.UUID(alice.user["id"])))
    bob_cash = await ledger.user_cash(owner=UserId(uuid.UUID(bob.user["id"])))
    await ledger.deposit(alice_cash, "150.00")
    await ledger.deposit(bob_cash, "9999.00")
    whole = {"X-API-Key": alice_key["secret"]}

    me = await accounts.client.get(ME, headers=whole)
    assert me.status_code == 200, me.text
    assert me.json()["code"] == alice.user["code"]
    balances = await accounts.client.get(
        BALANCES, headers=signed(alice_key["secret"], "GET", BALANCES, at=clock.now())
    )
    assert balances.status_code == 200, balances.text
    assert [(b["account_id"], Decimal(b["posted"])) for b in balances.json()["items"]] == [
        (str(alice_cash.id), Decimal("150.00"))
    ]
    history = await accounts.client.get(TRANSACTIONS, headers=whole)
    assert history.status_code == 200, history.text
    assert history.json()["items"]
    assert "9999" not in history.text
    # a bearer token is still a bearer token on the same routes
    bobs = (await accounts.client.get(BALANCES, headers=bob.headers)).json()["items"]
    assert [b["account_id"] for b in bobs] == [str(bob_cash.id)]


async def test_a_key_without_the_routes_scope_is_refused(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    mount_probe(app)
    owner, market_only = await trader(app, accounts, scopes=["market:read"])
    for path in (ME, BALANCES, TRANSACTIONS):
        refused = await accounts.client.get(path, headers={"X-API-Key": market_only["secret"]})
        assert_problem(refused, 403, "api_key_scope")
    read_only = await new_key(accounts, owner, scopes=["account:read"])
    order = await accounts.client.post(
        PROBE, headers=signed(read_only["secret"], "POST", PROBE, at=clock.now())
    )
    assert_problem(order, 403, "api_key_scope")


def _fill(template: str) -> str:
    path = template
    while "{" in path:
        name = path[path.index("{") + 1 : path.index("}")]
        path = path.replace(f"{{{name}}}", str(uuid.uuid4()))
    return path


async def test_routes_that_name_no_key_scope_refuse_every_key(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    """Deny by default: a valid key holding every scope, signed and whole, on every route that
    does not name a key scope; withdrawals, credentials and key management among them."""
    owner, key = await trader(app, accounts, scopes=sorted(SCOPES), rate_limit_per_minute=6000)
    refused: set[tuple[str, str]] = set()
    failures: list[str] = []
    for info in route_table(app.routes):
        policy = policy_of(info.endpoint, "")
        if not info.in_schema or policy is None or policy.kind == "public":
            continue
        if policy.accepted_key_scope is not None:
            continue
        for method in sorted(info.methods & {"GET", "POST", "PUT", "PATCH", "DELETE"}):
            path = _fill(info.path)
            extra = {"Idempotency-Key": str(uuid.uuid4())}
            headers = signed(key["secret"], method, path, at=clock.now()) | extra
            answer = await accounts.client.request(method, path, headers=headers)
            if answer.status_code != 403 or answer.json().get("code") != "api_key_not_accepted":
                failures.append(f"{method} {info.path} signed: {answer.status_code} {answer.text}")
            whole = await accounts.client.request(
                method, path, headers={"X-API-Key": key["secret"]} | extra
            )
            if whole.status_code != 403 or whole.json().get("code") != "api_key_not_accepted":
                failures.append(f"{method} {info.path} whole: {whole.status_code} {whole.text}")
            refused.add((method, info.path))
    assert not failures, "\n".join(failures)
    assert refused >= MONEY_OUT_AND_CREDENTIALS
    assert len(refused) > 50
    still = await accounts.client.get(ME, headers={"X-API-Key": key["secret"]})
    assert still.status_code == 200, "the key itself was fine all along"
    del owner


def test_no_scope_moves_money_or_is_a_permission() -> None:
    """Scopes are a closed list without a money-out one, and none of them is a permission a
    role gives (a key's actor carries its scopes where a user's carries permissions)."""
    assert set(SCOPES) == {"status:read", "market:read", "account:read", "trade"}
    every_permission = {p for role in CATALOG.values() for p in role.permissions}
    assert every_permission
    assert not (set(SCOPES) & every_permission)


async def test_state_changing_requests_must_be_signed_and_are_audited_with_the_key(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    mount_probe(app)
    owner, key = await trader(app, accounts)
    body = b'{"symbol":"AAPL","side":"buy","quantity":"1"}'
    unsigned = await accounts.client.post(PROBE, headers={"X-API-Key": key["secret"]}, content=body)
    assert_problem(unsigned, 401, "api_key_signature_required")
    headers = signed(key["secret"], "POST", PROBE, body, at=clock.now())
    placed = await accounts.client.post(PROBE, headers=headers, content=body)
    assert placed.status_code == 200, placed.text
    assert placed.json() == {
        "kind": "api_key",
        "user_id": owner.user["id"],
        "api_key_id": key["key"]["id"],
        "permissions": TRADING_SCOPES,
    }
    async with accounts.container.engine.connect() as conn:
        rows = (
            await conn.execute(
                text(
                    "SELECT actor_kind, actor_id, api_key_id, resource_id, changes "
                    "FROM audit_log WHERE action = 'identity.api_key_request'"
                )
            )
        ).all()
    assert len(rows) == 1
    kind, actor_id, api_key_id, resource_id, changes = rows[0]
    assert (kind, actor_id, api_key_id) == ("api_key", owner.user["id"], key["key"]["id"])
    assert resource_id == key["key"]["prefix"]
    assert changes["method"]["after"] == "POST"
    assert changes["target"]["after"] == PROBE
    assert key["secret"] not in str(changes)
    replayed = await accounts.client.post(PROBE, headers=headers, content=body)
    assert_problem(replayed, 401, "api_key_replayed")


async def test_bad_stale_and_replayed_signatures_are_refused(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    mount_probe(app)
    _, key = await trader(app, accounts)
    _, other = await trader(app, accounts)
    secret, now = key["secret"], clock.now()
    wrong_secret = signed(other["secret"], "GET", ME, at=now) | {"X-MK-Key": key["key"]["key_id"]}
    other_path = signed(secret, "GET", BALANCES, at=now)
    other_method = signed(secret, "POST", ME, at=now)
    for headers in (wrong_secret, other_path, other_method):
        assert_problem(
            await accounts.client.get(ME, headers=headers), 401, "api_key_signature_invalid"
        )
    body = b'{"quantity":"1"}'
    tampered = signed(secret, "POST", PROBE, body, at=now)
    assert_problem(
        await accounts.client.post(PROBE, headers=tampered, content=b'{"quantity":"9"}'),
        401,
        "api_key_signature_invalid",
    )
    missing = {"X-MK-Key": key["key"]["key_id"], "X-MK-Timestamp": "1"}
    assert_problem(await accounts.client.get(ME, headers=missing), 401, "api_key_signature_invalid")
    for skew in (timedelta(seconds=-6), timedelta(seconds=6)):
        stale = signed(secret, "GET", ME, at=now + skew)
        assert_problem(
            await accounts.client.get(ME, headers=stale), 401, "api_key_timestamp_out_of_window"
        )
    for skew in (timedelta(seconds=-4), timedelta(seconds=4)):
        fresh = signed(secret, "GET", ME, at=now + skew)
        assert (await accounts.client.get(ME, headers=fresh)).status_code == 200
        assert_problem(await accounts.client.get(ME, headers=fresh), 401, "api_key_replayed")
    target = f"{BALANCES}?limit=5"
    with_query = signed(secret, "GET", target, at=now + timedelta(milliseconds=1))
    answer = await accounts.client.get(BALANCES, params={"limit": 5}, headers=with_query)
    assert answer.status_code == 200, answer.text
    unknown = signed(secret, "GET", ME, at=now) | {"X-MK-Key": "mk_zzzzzzzzzz"}
    assert_problem(await accounts.client.get(ME, headers=unknown), 401, "api_key_invalid")


async def test_revoked_expired_rotated_and_legacy_keys(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    owner, key = await trader(app, accounts)
    keys = "/api/v1/api-keys"
    rotated = await accounts.client.post(
        f"{keys}/{key['key']['id']}/rotate", headers=owner.headers, json={"grace_seconds": 60}
    )
    new = rotated.json()
    assert new["key"]["scopes"] == TRADING_SCOPES
    for secret in (key["secret"], new["secret"]):
        ok = await accounts.client.get(ME, headers=signed(secret, "GET", ME, at=clock.now()))
        assert ok.status_code == 200, ok.text
    clock.advance(seconds=61)
    old = signed(key["secret"], "GET", ME, at=clock.now())
    assert_problem(await accounts.client.get(ME, headers=old), 401, "api_key_expired")
    await accounts.client.post(f"{keys}/{new['key']['id']}/revoke", headers=owner.headers)
    revoked = signed(new["secret"], "GET", ME, at=clock.now())
    assert_problem(await accounts.client.get(ME, headers=revoked), 401, "api_key_revoked")
    assert_problem(
        await accounts.client.get(ME, headers={"X-API-Key": new["secret"]}), 401, "api_key_revoked"
    )
    legacy = await new_key(accounts, owner, scopes=["account:read"])
    async with accounts.container.engine.begin() as conn:
        await conn.execute(
            text("UPDATE api_keys SET sealed_secret = NULL WHERE id = :id"),
            {"id": legacy["key"]["id"]},
        )
    cannot_sign = await accounts.client.get(
        ME, headers=signed(legacy["secret"], "GET", ME, at=clock.now())
    )
    assert "rotate" in assert_problem(cannot_sign, 401, "api_key_signature_invalid")["detail"]
    reads = await accounts.client.get(ME, headers={"X-API-Key": legacy["secret"]})
    assert reads.status_code == 200, "a key made before signing still reads"


async def test_a_keys_ip_allowlist(app: FastAPI, accounts: Accounts, clock: FixedClock) -> None:
    owner, key = await trader(app, accounts, ip_allowlist=["203.0.113.0/24", "2001:db8::1"])
    assert key["key"]["ip_allowlist"] == ["203.0.113.0/24", "2001:db8::1/128"]
    from_here = await accounts.client.get(ME, headers={"X-API-Key": key["secret"]})
    assert_problem(from_here, 403, "api_key_ip_not_allowed")
    for address in ("203.0.113.77", "2001:db8::1"):
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as there:
            allowed = await there.get(ME, headers=signed(key["secret"], "GET", ME, at=clock.now()))
            assert allowed.status_code == 200, allowed.text
            clock.advance(seconds=0.01)
    bad = await accounts.client.post(
        "/api/v1/api-keys",
        headers=owner.headers,
        json={"name": "k", "scopes": ["account:read"], "ip_allowlist": ["10.0.0.1/8", "x"]},
    )
    problem = assert_problem(bad, 422, "invalid_cidr")
    assert {e["field"] for e in problem["errors"]} == {
        "body.ip_allowlist.0",
        "body.ip_allowlist.1",
    }


async def test_a_keys_rate_limit_on_ordinary_routes(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    _, key = await trader(app, accounts, rate_limit_per_minute=2)
    answers = [
        await accounts.client.get(ME, headers={"X-API-Key": key["secret"]}) for _ in range(3)
    ]
    assert [a.status_code for a in answers] == [200, 200, 429]
    assert_problem(answers[2], 429, "api_key_rate_limited")
    assert int(answers[2].headers["Retry-After"]) >= 1


async def test_retired_scope_names_become_market_read(accounts: Accounts, app: FastAPI) -> None:
    _, key = await trader(app, accounts, scopes=["prices:read", "instruments:read", "trade"])
    assert key["key"]["scopes"] == ["market:read", "trade"]


async def test_the_database_holds_the_seen_signatures_when_redis_cannot(
    app: FastAPI, accounts: Accounts, clock: FixedClock, container: Container
) -> None:
    """A state-changing request's signature is refused again after Redis lost everything; a
    read's is refused again while Redis is unreachable (the database answers then)."""
    if container.redis is None:
        pytest.skip("Redis not reachable: the app runs on its in-memory ports")
    mount_probe(app)
    _, key = await trader(app, accounts)
    order = signed(key["secret"], "POST", PROBE, at=clock.now())
    assert (await accounts.client.post(PROBE, headers=order)).status_code == 200
    await lose_the_cache(container)
    assert_problem(await accounts.client.post(PROBE, headers=order), 401, "api_key_replayed")
    read = signed(key["secret"], "GET", ME, at=clock.now())
    with redis_unreachable(container):
        first = await accounts.client.get(ME, headers=read)
        assert first.status_code == 200, first.text
        assert_problem(await accounts.client.get(ME, headers=read), 401, "api_key_replayed")


def test_every_declared_key_scope_is_a_scope(app: FastAPI) -> None:
    declared = {
        (info.path, policy.accepted_key_scope)
        for info in route_table(app.routes)
        if (policy := policy_of(info.endpoint, "")) is not None
        and policy.accepted_key_scope is not None
    }
    assert {scope for _, scope in declared} <= set(SCOPES), declared
    assert (BALANCES, "account:read") in declared


async def test_the_owner_changes_a_keys_allowlist_and_rate_limit(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    owner, key = await trader(app, accounts)
    stranger = await accounts.register()
    one = f"/api/v1/api-keys/{key['key']['id']}"
    assert (await accounts.client.get(ME, headers={"X-API-Key": key["secret"]})).status_code == 200
    changed = await accounts.client.patch(
        one, headers=owner.headers, json={"ip_allowlist": ["198.51.100.0/24"]}
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["ip_allowlist"] == ["198.51.100.0/24"]
    assert changed.json()["rate_limit_per_minute"] == 60
    refused = await accounts.client.get(ME, headers={"X-API-Key": key["secret"]})
    assert_problem(refused, 403, "api_key_ip_not_allowed")
    opened = await accounts.client.patch(
        one, headers=owner.headers, json={"ip_allowlist": [], "rate_limit_per_minute": 1}
    )
    assert opened.json()["ip_allowlist"] == []
    answers = [
        (await accounts.client.get(ME, headers={"X-API-Key": key["secret"]})).status_code
        for _ in range(2)
    ]
    assert answers == [200, 429]
    assert_problem(
        await accounts.client.patch(one, headers=stranger.headers, json={"ip_allowlist": []}),
        404,
        "api_key_not_found",
    )
    signed_by_the_key = signed(key["secret"], "PATCH", one, b"{}", at=clock.now())
    assert_problem(
        await accounts.client.patch(one, headers=signed_by_the_key, content=b"{}"),
        403,
        "api_key_not_accepted",
    )
    async with accounts.container.engine.connect() as conn:
        audited = await conn.scalar(
            text("SELECT count(*) FROM audit_log WHERE action = 'identity.api_key_updated'")
        )
    assert audited == 2


async def test_the_partner_status_takes_a_signed_request_too(
    app: FastAPI, accounts: Accounts, clock: FixedClock
) -> None:
    _, key = await trader(app, accounts, scopes=["status:read"])
    status = "/api/public/v1/status"
    answer = await accounts.client.get(
        status, headers=signed(key["secret"], "GET", status, at=clock.now())
    )
    assert answer.status_code == 200, answer.text
    assert answer.json()["key_prefix"] == key["key"]["prefix"]
