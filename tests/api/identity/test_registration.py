"""Registration over HTTP: codes from the outbox, resumable, expiring, and the same answer
whether a contact already has an account or not."""

from __future__ import annotations

import httpx
import pytest

from tests.support.accounts import PASSWORD, Accounts, assert_problem
from tests.support.clock import FixedClock
from tests.support.outbox import outbox_rows


async def test_a_person_registers_in_steps_and_is_logged_in(
    accounts: Accounts, client: httpx.AsyncClient
) -> None:
    email, mobile = accounts.new_contacts()
    started = await accounts.initiate(email, mobile)
    assert started.status_code == 201
    progress = started.json()
    assert progress["next_step"] == "verify_contacts"
    assert progress["email"] != email
    assert progress["email"].endswith("@example.com")

    email_code = await accounts.code("identity.registration_otp", email)
    sms_code = await accounts.code("identity.registration_otp", mobile)
    assert (await accounts.verify(progress["id"], "email", email_code)).json()["email_verified"]

    resumed = await client.get(f"/api/v1/auth/register/{progress['id']}")
    assert resumed.json()["email_verified"] is True
    assert resumed.json()["mobile_verified"] is False

    verified = await accounts.verify(progress["id"], "mobile", sms_code)
    assert verified.json()["next_step"] == "basic_info"
    done = await client.post(
        "/api/v1/auth/register/basic-info",
        json={"registration_id": progress["id"], "full_name": "  Priya   Sharma ", "country": "in"},
    )
    assert done.status_code == 201, done.text
    user = done.json()["user"]
    assert (user["email"], user["mobile"], user["full_name"], user["country"]) == (
        email,
        mobile,
        "Priya Sharma",
        "IN",
    )
    me = await client.get(
        "/api/v1/users/me",
        headers={"Authorization": f"Bearer {done.json()['tokens']['access_token']}"},
    )
    assert me.status_code == 200
    assert me.json()["id"] == user["id"]
    assert_problem(
        await client.get(f"/api/v1/auth/register/{progress['id']}"), 404, "registration_not_found"
    )


async def test_basic_info_before_both_codes_is_refused(accounts: Accounts) -> None:
    email, mobile = accounts.new_contacts()
    registration = (await accounts.initiate(email, mobile)).json()
    await accounts.verify(
        registration["id"], "email", await accounts.code("identity.registration_otp", email)
    )
    response = await accounts.client.post(
        "/api/v1/auth/register/basic-info",
        json={"registration_id": registration["id"], "full_name": "Priya"},
    )
    body = assert_problem(response, 422, "registration_incomplete")
    assert "mobile" in body["detail"]


async def test_wrong_codes_count_and_then_block_the_code(accounts: Accounts) -> None:
    email, mobile = accounts.new_contacts()
    registration = (await accounts.initiate(email, mobile)).json()
    good = await accounts.code("identity.registration_otp", email)
    wrong = "000000" if good != "000000" else "111111"
    for attempts_left in (4, 3, 2, 1):
        body = assert_problem(
            await accounts.verify(registration["id"], "email", wrong), 422, "otp_invalid"
        )
        assert body["errors"][0]["field"] == "body.code"
        assert f"{attempts_left} attempts left" in body["detail"]
    assert_problem(await accounts.verify(registration["id"], "email", wrong), 422, "otp_blocked")
    # Even the right code is refused now: a new one must be requested.
    assert_problem(await accounts.verify(registration["id"], "email", good), 422, "otp_blocked")


async def test_codes_and_registrations_expire(accounts: Accounts, clock: FixedClock) -> None:
    email, mobile = accounts.new_contacts()
    registration = (await accounts.initiate(email, mobile)).json()
    code = await accounts.code("identity.registration_otp", email)
    clock.advance(minutes=10, seconds=1)
    assert_problem(await accounts.verify(registration["id"], "email", code), 422, "otp_expired")
    clock.advance(hours=24)
    assert_problem(
        await accounts.verify(registration["id"], "email", code), 422, "registration_expired"
    )
    progress = await accounts.client.get(f"/api/v1/auth/register/{registration['id']}")
    assert progress.json()["next_step"] == "expired"


async def test_resend_waits_for_the_cooldown_and_replaces_the_code(
    accounts: Accounts, clock: FixedClock
) -> None:
    email, mobile = accounts.new_contacts()
    registration = (await accounts.initiate(email, mobile)).json()
    first = await accounts.code("identity.registration_otp", mobile)
    resend = {"registration_id": registration["id"], "channel": "mobile"}
    early = await accounts.client.post("/api/v1/auth/register/resend-otp", json=resend)
    assert_problem(early, 429, "otp_cooldown")
    assert 0 < int(early.headers["retry-after"]) <= 60
    clock.advance(seconds=61)
    assert (
        await accounts.client.post("/api/v1/auth/register/resend-otp", json=resend)
    ).status_code == 202
    second = await accounts.code("identity.registration_otp", mobile)
    if second != first:
        assert_problem(
            await accounts.verify(registration["id"], "mobile", first), 422, "otp_invalid"
        )
    assert (await accounts.verify(registration["id"], "mobile", second)).status_code == 200


async def test_a_taken_email_gets_the_same_answer_and_its_owner_a_notice(
    accounts: Accounts, clock: FixedClock
) -> None:
    owner = await accounts.register()
    clock.advance(seconds=61)  # past the resend cooldown of the owner's own codes
    _, other_mobile = accounts.new_contacts()
    response = await accounts.initiate(owner.email, other_mobile)
    assert response.status_code == 201
    assert set(response.json()) == {
        "id",
        "email",
        "mobile",
        "email_verified",
        "mobile_verified",
        "next_step",
        "expires_at",
    }
    notices = await outbox_rows(
        accounts.container.engine, template="identity.account_exists", address=owner.email
    )
    assert len(notices) == 1
    codes_to_owner = await outbox_rows(
        accounts.container.engine, template="identity.registration_otp", address=owner.email
    )
    assert len(codes_to_owner) == 1  # only the one from the owner's own registration


@pytest.mark.parametrize(
    ("payload", "field", "code"),
    [
        ({"email": "not-an-email", "mobile": "+919876543210"}, "body.email", "invalid_email"),
        ({"email": "a@example.com", "mobile": "123456"}, "body.mobile", "invalid_phone"),
        ({"email": "a@example.com", "mobile": "+1 202 555 0"}, "body.mobile", "invalid_phone"),
    ],
)
async def test_malformed_contacts_are_named(
    client: httpx.AsyncClient, payload: dict[str, str], field: str, code: str
) -> None:
    response = await client.post(
        "/api/v1/auth/register/initiate", json={**payload, "password": PASSWORD}
    )
    body = assert_problem(response, 422, "validation_failed")
    assert body["errors"][0]["field"] == field
    assert body["errors"][0]["code"] == code


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short pass", "password_too_short"),
        ("x" * 129, "password_too_long"),
        ("password1234", "common_password"),
        ("aaaaaaaaaaaaaaaa", "weak_password"),
    ],
)
async def test_weak_passwords_are_refused_by_strength_not_composition(
    accounts: Accounts, password: str, reason: str
) -> None:
    email, mobile = accounts.new_contacts()
    body = assert_problem(await accounts.initiate(email, mobile, password), 422, "weak_password")
    assert body["errors"] == [
        {"field": "body.password", "message": body["errors"][0]["message"], "code": reason}
    ]


async def test_a_long_lowercase_passphrase_is_fine(accounts: Accounts) -> None:
    email, mobile = accounts.new_contacts()
    assert (await accounts.initiate(email, mobile, "plum kettle orbit sandal")).status_code == 201
