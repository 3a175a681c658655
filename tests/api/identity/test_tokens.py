"""Access and refresh tokens over HTTP: rotation, reuse detection, exactly one winner among
concurrent refreshes, logout, logout everywhere, and every kind of bad token."""

from __future__ import annotations

import asyncio
import base64
import json
import time
from typing import Any

from jose import jwt
from sqlalchemy import text

from infrastructure.identity.signing_keys import SigningKeys
from tests.support.accounts import Account, Accounts, assert_problem, bearer
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows

ME = "/api/v1/users/me"


async def me(accounts: Accounts, access_token: str) -> Any:
    return await accounts.client.get(ME, headers=bearer(access_token))


async def test_a_refresh_rotates_both_tokens(accounts: Accounts) -> None:
    account = await accounts.register()
    refreshed = await accounts.refresh(account.tokens["refresh_token"])
    assert refreshed.status_code == 200, refreshed.text
    pair = refreshed.json()
    assert pair["refresh_token"] != account.tokens["refresh_token"]
    assert pair["session_id"] == account.tokens["session_id"]
    assert (await me(accounts, pair["access_token"])).status_code == 200
    assert (await accounts.refresh(pair["refresh_token"])).status_code == 200


async def test_a_reused_refresh_token_ends_its_family_and_alerts_the_owner(
    accounts: Accounts,
) -> None:
    account = await accounts.register()
    stolen = account.tokens["refresh_token"]
    legit = (await accounts.refresh(stolen)).json()
    assert_problem(await accounts.refresh(stolen), 401, "refresh_reused")
    # The whole family is gone: the newest refresh token and its access token too.
    assert_problem(await accounts.refresh(legit["refresh_token"]), 401, "token_revoked")
    assert_problem(await me(accounts, legit["access_token"]), 401, "token_revoked")
    alerts = await outbox_rows(
        accounts.container.engine, template="identity.refresh_reuse", address=account.email
    )
    assert len(alerts) == 1
    # Other sessions are untouched.
    other = (await accounts.login(account.email)).json()["session"]["tokens"]
    assert (await accounts.refresh(other["refresh_token"])).status_code == 200


async def test_twenty_concurrent_refreshes_of_one_token_have_exactly_one_winner(
    accounts: Accounts,
) -> None:
    account = await accounts.register()
    token = account.tokens["refresh_token"]
    responses = await asyncio.gather(*(accounts.refresh(token) for _ in range(20)))
    statuses = sorted(r.status_code for r in responses)
    assert statuses.count(200) == 1, [r.text for r in responses if r.status_code != 401]
    assert statuses.count(401) == 19
    assert {r.json()["code"] for r in responses if r.status_code == 401} == {"refresh_reused"}
    alerts = await outbox_rows(
        accounts.container.engine, template="identity.refresh_reuse", address=account.email
    )
    assert len(alerts) == 1
    async with accounts.container.engine.connect() as conn:
        issued = (
            await conn.execute(
                text("SELECT count(*) FROM refresh_tokens WHERE session_id = :s"),
                {"s": account.tokens["session_id"]},
            )
        ).scalar_one()
    assert issued == 2  # the original and the one winner's


async def test_an_unknown_or_expired_refresh_token_is_refused(
    accounts: Accounts, clock: FixedClock
) -> None:
    account = await accounts.register()
    assert_problem(await accounts.refresh("made-up-token"), 401, "token_invalid")
    clock.advance(days=7, seconds=1)
    assert_problem(await accounts.refresh(account.tokens["refresh_token"]), 401, "token_expired")


async def test_logout_ends_this_session_only(accounts: Accounts) -> None:
    account = await accounts.register()
    other = (await accounts.login(account.email)).json()["session"]["tokens"]
    out = await accounts.client.post("/api/v1/auth/logout", headers=account.headers)
    assert out.status_code == 204
    assert_problem(await me(accounts, account.tokens["access_token"]), 401, "token_revoked")
    assert_problem(await accounts.refresh(account.tokens["refresh_token"]), 401, "token_revoked")
    assert (await me(accounts, other["access_token"])).status_code == 200


async def test_logout_everywhere_ends_every_session(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    other = (await accounts.login(account.email)).json()["session"]["tokens"]
    clock.advance(seconds=2)
    out = await accounts.client.post("/api/v1/auth/logout-all", headers=account.headers)
    assert out.status_code == 204
    for pair in (account.tokens, other):
        assert_problem(await me(accounts, pair["access_token"]), 401, "token_revoked")
        assert_problem(await accounts.refresh(pair["refresh_token"]), 401, "token_revoked")
    fresh = (await accounts.login(account.email)).json()["session"]["tokens"]
    response = await me(accounts, fresh["access_token"])
    assert response.status_code == 200, response.text


async def test_an_access_token_expires(accounts: Accounts, clock: FixedClock) -> None:
    account = await accounts.register()
    clock.advance(minutes=15, seconds=31)  # 15 minutes plus the 30 s leeway
    assert_problem(await me(accounts, account.tokens["access_token"]), 401, "token_expired")


def _segments(token: str) -> tuple[dict[str, Any], dict[str, Any]]:
    header, payload, _ = token.split(".")

    def load(part: str) -> dict[str, Any]:
        return dict(json.loads(base64.urlsafe_b64decode(part + "=" * (-len(part) % 4))))

    return load(header), load(payload)


def _b64(data: dict[str, Any]) -> str:
    return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()


def _resign(account: Account, accounts: Accounts, **changes: Any) -> str:
    header, payload = _segments(account.tokens["access_token"])
    settings = accounts.container.settings
    keys = SigningKeys.from_settings(None, settings.secret_key.get_secret_value())
    return str(
        jwt.encode(
            {**payload, **changes}, keys.keys[header["kid"]], algorithm="HS256", headers=header
        )
    )


async def test_bad_access_tokens_are_refused_with_clear_codes(accounts: Accounts) -> None:
    account = await accounts.register()
    access = account.tokens["access_token"]
    header, payload = _segments(access)
    unsigned = f"{_b64({**header, 'alg': 'none'})}.{_b64(payload)}."
    head, _, signature = access.split(".")
    tampered = f"{head}.{_b64({**payload, 'sub': payload['sub'][::-1]})}.{signature}"
    other_alg = jwt.encode(payload, "k" * 64, algorithm="HS512", headers={"kid": header["kid"]})
    cases = {
        "none algorithm": unsigned,
        "tampered payload": tampered,
        "another algorithm": other_alg,
        "wrong audience": _resign(account, accounts, aud="someone-else"),
        "wrong issuer": _resign(account, accounts, iss="someone-else"),
        "wrong type": _resign(account, accounts, typ="2fa_challenge"),
        "not yet valid": _resign(account, accounts, nbf=int(time.time()) + 3600),
        "refresh token as access": account.tokens["refresh_token"],
        "garbage": "a.b.c",
    }
    for name, token in cases.items():
        response = await me(accounts, token)
        assert response.status_code == 401, name
        assert response.json()["code"] == "token_invalid", (name, response.json())
        assert response.headers["www-authenticate"] == "Bearer"
    expired = _resign(account, accounts, exp=int(time.time()) - 3600)
    assert_problem(await me(accounts, expired), 401, "token_expired")
    assert_problem(await accounts.client.get(ME), 401, "missing_token")


async def test_an_access_token_is_not_a_refresh_token(accounts: Accounts) -> None:
    account = await accounts.register()
    assert_problem(await accounts.refresh(account.tokens["access_token"]), 401, "token_invalid")
