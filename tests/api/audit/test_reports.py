"""Operator reports over HTTP, on real accounts: logins and failures per day, the accounts and
addresses that fail most, and the registration funnel, as JSON and CSV."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, datetime, time, timedelta

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import Container, build_container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import relogin, super_admin
from tests.support.clock import FixedClock
from tests.support.databases import truncate_all

LOGINS = "/api/v1/reports/login-activity"
FUNNEL = "/api/v1/reports/registration-funnel"
DAY0 = datetime.now(UTC).date() - timedelta(days=2)
DAY1 = DAY0 + timedelta(days=1)
DAY2 = DAY0 + timedelta(days=2)
GHOST = "ghost@example.com"


@pytest.fixture
def clock() -> FixedClock:
    return FixedClock(datetime.combine(DAY0, time(12, 0), tzinfo=UTC))


@pytest.fixture
async def container(
    settings: Settings, engine: AsyncEngine, database_url: str, clock: FixedClock
) -> AsyncIterator[Container]:
    built = build_container(settings, database_url, engine=engine, clock=clock)
    yield built
    await built.aclose()
    await truncate_all(engine)


async def fail(accounts: Accounts, identifier: str, times: int = 1) -> None:
    for _ in range(times):
        response = await accounts.login(identifier, "not the password at all")
        assert_problem(response, 401, "invalid_credentials")


async def seed(app: FastAPI, accounts: Accounts, clock: FixedClock) -> tuple[Account, str, str]:
    """Day 0: an operator, Alice, and Carol's registration left with only her email verified;
    3 failures. Day 1: Bob registers; 3 failures. Day 2 (today): the operator signs in again."""
    admin = await super_admin(app, accounts)  # 1 success
    alice = await accounts.register()  # 1 success (registration signs in)
    carol_email, carol_mobile = accounts.new_contacts()
    started = await accounts.initiate(carol_email, carol_mobile)
    assert started.status_code == 201, started.text
    code = await accounts.code("identity.registration_otp", carol_email)
    assert (await accounts.verify(started.json()["id"], "email", code)).status_code == 200
    await fail(accounts, alice.email, 2)
    await fail(accounts, GHOST)

    clock.advance(days=1)
    bob = await accounts.register()  # 1 success
    await fail(accounts, alice.email)
    await fail(accounts, bob.email)
    await fail(accounts, GHOST)

    clock.advance(days=1)  # Carol's registration (24 hours) has expired
    await relogin(accounts, admin)  # 1 success
    return admin, alice.email, bob.email


async def test_login_activity_counts_every_day_and_the_most_failing(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts, clock: FixedClock
) -> None:
    admin, alice, bob = await seed(app, accounts, clock)

    default = await client.get(LOGINS, headers=admin.headers)
    assert default.status_code == 200, default.text
    body = default.json()
    assert body["period"] == {
        "since": (DAY2 - timedelta(days=29)).isoformat(),
        "until": DAY2.isoformat(),
    }
    days = body["days"]
    assert len(days) == 30
    assert [d["date"] for d in days] == [
        (DAY2 - timedelta(days=29 - n)).isoformat() for n in range(30)
    ]
    busy = {
        d["date"]: (d["successes"], d["failures"]) for d in days if d["successes"] or d["failures"]
    }
    assert busy == {DAY0.isoformat(): (2, 3), DAY1.isoformat(): (1, 3), DAY2.isoformat(): (1, 0)}
    assert (body["successes"], body["failures"]) == (4, 6)
    assert body["top_failing_accounts"] == [
        {"identifier": alice, "count": 3},
        {"identifier": GHOST, "count": 2},
        {"identifier": bob, "count": 1},
    ]
    assert body["top_failing_ips"] == [{"ip": "127.0.0.1", "count": 6}]

    one_day = (
        await client.get(
            LOGINS,
            params={"since": DAY1.isoformat(), "until": DAY1.isoformat()},
            headers=admin.headers,
        )
    ).json()
    assert one_day["days"] == [{"date": DAY1.isoformat(), "successes": 1, "failures": 3}]
    assert one_day["top_failing_accounts"] == [
        {"identifier": i, "count": 1} for i in sorted([alice, bob, GHOST])
    ]

    exported = await client.get(
        LOGINS,
        params={"since": DAY0.isoformat(), "until": DAY1.isoformat(), "format": "csv"},
        headers=admin.headers,
    )
    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"].startswith("text/csv")
    assert (
        f"login-activity-{DAY0.isoformat()}-{DAY1.isoformat()}.csv"
        in (exported.headers["content-disposition"])
    )
    assert list(csv.reader(io.StringIO(exported.text))) == [
        ["section", "key", "successes", "failures"],
        ["day", DAY0.isoformat(), "2", "3"],
        ["day", DAY1.isoformat(), "1", "3"],
        ["account", alice, "", "3"],
        ["account", GHOST, "", "2"],
        ["account", bob, "", "1"],
        ["ip", "127.0.0.1", "", "6"],
    ]


async def test_the_registration_funnel_follows_registrations_started_in_the_period(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts, clock: FixedClock
) -> None:
    admin, _, _ = await seed(app, accounts, clock)

    report = await client.get(FUNNEL, headers=admin.headers)
    assert report.status_code == 200, report.text
    body = report.json()
    assert body["period"]["until"] == DAY2.isoformat()
    counts = {k: body[k] for k in ("started", "email_verified", "mobile_verified", "completed")}
    assert counts == {"started": 3, "email_verified": 3, "mobile_verified": 2, "completed": 2}
    assert body["expired"] == 1  # Carol
    assert body["conversions"] == [
        {"from_step": "started", "to_step": "email_verified", "ratio": 1.0},
        {"from_step": "email_verified", "to_step": "mobile_verified", "ratio": 0.6667},
        {"from_step": "mobile_verified", "to_step": "completed", "ratio": 1.0},
    ]

    day1 = (
        await client.get(
            FUNNEL,
            params={"since": DAY1.isoformat(), "until": DAY1.isoformat()},
            headers=admin.headers,
        )
    ).json()
    assert [
        day1[k] for k in ("started", "email_verified", "mobile_verified", "completed", "expired")
    ] == [1, 1, 1, 1, 0]
    empty = (
        await client.get(
            FUNNEL,
            params={"since": DAY2.isoformat(), "until": DAY2.isoformat()},
            headers=admin.headers,
        )
    ).json()
    assert empty["started"] == 0
    assert [c["ratio"] for c in empty["conversions"]] == [None, None, None]

    exported = await client.get(FUNNEL, params={"format": "csv"}, headers=admin.headers)
    assert exported.headers["content-type"].startswith("text/csv")
    assert list(csv.reader(io.StringIO(exported.text))) == [
        ["step", "count", "conversion_from_previous"],
        ["started", "3", ""],
        ["email_verified", "3", "1.0000"],
        ["mobile_verified", "2", "0.6667"],
        ["completed", "2", "1.0000"],
        ["expired", "1", ""],
    ]


async def test_reports_are_for_operators_only(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    user = await accounts.register()
    for path in (LOGINS, FUNNEL):
        assert_problem(await client.get(path, headers=user.headers), 403, "permission_denied")
        assert (await client.get(path)).status_code == 401


@pytest.mark.parametrize("path", [LOGINS, FUNNEL])
async def test_a_bad_range_is_refused_naming_the_field(
    path: str, app: FastAPI, client: httpx.AsyncClient, accounts: Accounts
) -> None:
    admin = await super_admin(app, accounts)
    today = DAY0  # the clock's day
    cases = [
        ({"since": "2020-01-01", "until": "2021-01-01"}, "query.until"),  # 367 days
        ({"since": (today - timedelta(days=366)).isoformat()}, "query.since"),
        (
            {"since": today.isoformat(), "until": (today - timedelta(days=1)).isoformat()},
            "query.until",
        ),
    ]
    for params, field in cases:
        body = assert_problem(
            await client.get(path, params=params, headers=admin.headers), 422, "validation_failed"
        )
        assert body["errors"][0]["field"] == field, body

    widest = await client.get(
        path, params={"since": "2020-01-01", "until": "2020-12-31"}, headers=admin.headers
    )
    assert widest.status_code == 200, widest.text  # 366 days, a leap year
