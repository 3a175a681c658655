"""The Aadhaar OTP, business and bank steps over HTTP as real signed-in users, up to level 3,
with the sandbox provider's and bank rail's documented test numbers (docs/kyc.md)."""

from __future__ import annotations

import logging
import secrets
from typing import Any

import httpx
import pytest
from sqlalchemy import text

from domain.shared.ids import UserId
from infrastructure.container import Container
from infrastructure.wiring.kyc import verified_bank_accounts
from tests.api.kyc.test_kyc_steps import VALID_AADHAAR, aadhaar, kyc_rows, status
from tests.support.accounts import Account, assert_problem
from tests.support.outbox import latest_variables

GOOD_ACCOUNT = "001234567890"  # the sandbox rail: held by the name sent
MISMATCH_ACCOUNT = "123456780999"  # held by SUNITA DEVI RAO
MISSING_ACCOUNT = "123456780404"
TIMEOUT_ACCOUNT = "123456780503"
PROPRIETOR_GSTIN = "27ACUPA7085R1ZL"  # carries the PAN ACUPA7085R (TEST_VECTORS.md)
COMPANY_GSTIN = "27AAACR5055K1Z7"


async def post(client: httpx.AsyncClient, who: Account, path: str, **body: Any) -> httpx.Response:
    return await client.post(f"/api/v1/kyc/{path}", headers=who.headers, json=body or None)


async def verify_pan(client: httpx.AsyncClient, who: Account, pan: str = "ACUPA7085R") -> None:
    response = await post(client, who, "pan", pan=pan, name="Priya Sharma")
    assert response.json()["state"] == "verified", response.text


async def verify_aadhaar(client: httpx.AsyncClient, who: Account, number: str) -> None:
    assert (await post(client, who, "aadhaar", **aadhaar(number))).status_code == 200
    assert (await post(client, who, "aadhaar/otp")).status_code == 200
    verified = await post(client, who, "aadhaar/otp/verify", otp="123456")
    assert verified.json()["state"] == "verified", verified.text


def business(gstin: str = PROPRIETOR_GSTIN, **extra: Any) -> dict[str, Any]:
    return {
        "legal_name": "Sharma Traders",
        "constitution": "proprietorship",
        "gstin": gstin,
        "registered_address": "12 MG Road, Pune 411001",
        "contact_channel": "email",
        "contact": f"accounts-{secrets.token_hex(3)}@sharma.example",
    } | extra


async def contact_code(container: Container, to: str) -> str:
    variables = await latest_variables(
        container.engine,
        template="kyc.business_contact_otp",
        to=to,
        settings=container.settings,
    )
    return variables["code"]


async def test_a_right_aadhaar_otp_verifies_and_wrong_ones_are_counted_up_to_a_limit(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    assert_problem(await post(client, alice, "aadhaar/otp"), 409, "kyc_step_not_started")
    await post(client, alice, "aadhaar", **aadhaar())
    asked = await post(client, alice, "aadhaar/otp")
    assert asked.json() == {"masked_number": "XXXX XXXX 2346", "expires_in_seconds": 600}
    wrong = await post(client, alice, "aadhaar/otp/verify", otp="000000")
    body = assert_problem(wrong, 422, "aadhaar_otp_invalid")
    assert [e["field"] for e in body["errors"]] == ["body.otp"]
    assert "2 attempts left" in body["errors"][0]["message"]
    assert_problem(
        await post(client, alice, "aadhaar/otp/verify", otp="111111"), 422, "aadhaar_otp_invalid"
    )
    assert_problem(
        await post(client, alice, "aadhaar/otp/verify", otp="222222"), 422, "aadhaar_otp_blocked"
    )
    # even the right OTP no longer works: the step is still waiting
    assert_problem(
        await post(client, alice, "aadhaar/otp/verify", otp="123456"), 422, "aadhaar_otp_blocked"
    )
    (row,) = await kyc_rows(container, "kyc_aadhaar")
    assert (row["state"], row["otp_attempts"]) == ("pending_review", 3)
    # a new OTP starts again
    assert (await post(client, alice, "aadhaar/otp")).status_code == 200
    verified = await post(client, alice, "aadhaar/otp/verify", otp="123456")
    assert (verified.json()["state"], verified.json()["reason"]) == ("verified", None)
    assert_problem(await post(client, alice, "aadhaar/otp"), 409, "kyc_step_already_verified")
    assert_problem(
        await post(client, alice, "aadhaar", **aadhaar()), 409, "kyc_step_already_verified"
    )


async def test_aadhaar_otp_provider_timeout_and_details_mismatch_then_resubmission(
    client: httpx.AsyncClient, alice: Account
) -> None:
    await post(client, alice, "aadhaar", **aadhaar("999900001119"))
    assert_problem(await post(client, alice, "aadhaar/otp"), 503, "kyc_provider_unavailable")
    assert_problem(
        await post(client, alice, "aadhaar/otp/verify", otp="123456"),
        409,
        "aadhaar_otp_not_requested",
    )
    # the provider knows 999900002229 as RAVI KUMAR SHARMA, born 1985-01-01
    await post(client, alice, "aadhaar", **aadhaar("999900002229"))
    await post(client, alice, "aadhaar/otp")
    rejected = await post(client, alice, "aadhaar/otp/verify", otp="123456")
    assert (rejected.json()["state"], rejected.json()["reason"]) == (
        "rejected",
        "aadhaar_details_mismatch",
    )
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert (resume.json()["next_step"], resume.json()["reason"]) == (
        "aadhaar",
        "aadhaar_details_mismatch",
    )
    fixed = aadhaar("999900002229", name="Ravi Kumar Sharma", date_of_birth="1985-01-01")
    await post(client, alice, "aadhaar", **fixed)
    await post(client, alice, "aadhaar/otp")
    verified = await post(client, alice, "aadhaar/otp/verify", otp="123456")
    assert verified.json()["state"] == "verified", verified.text


async def test_business_details_are_verified_by_a_code_to_the_business_contact(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    await verify_pan(client, alice)
    details = business()
    submitted = await post(client, alice, "business", **details)
    assert submitted.status_code == 200, submitted.text
    assert submitted.json() | {"masked_contact": "-"} == {
        "legal_name": "Sharma Traders",
        "constitution": "proprietorship",
        "gstin": PROPRIETOR_GSTIN,
        "registered_address": "12 MG Road, Pune 411001",
        "contact_channel": "email",
        "masked_contact": "-",
        "contact_verified": False,
        "state": "submitted",
        "reason": "contact_unverified",
    }
    assert submitted.json()["masked_contact"].endswith("@sharma.example")
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json()["optional"] == []  # started: now required
    code = await contact_code(container, details["contact"])
    wrong = "000000" if code != "000000" else "111111"
    body = assert_problem(
        await post(client, alice, "business/verify", code=wrong), 422, "contact_code_invalid"
    )
    assert [e["field"] for e in body["errors"]] == ["body.code"]
    verified = await post(client, alice, "business/verify", code=code)
    assert (verified.json()["state"], verified.json()["contact_verified"]) == ("verified", True)
    assert_problem(await post(client, alice, "business/code"), 409, "kyc_step_already_verified")


async def test_a_new_business_code_can_be_requested_after_the_cooldown_and_by_sms(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    assert_problem(await post(client, alice, "business/code"), 409, "kyc_step_not_started")
    details = business(contact_channel="sms", contact="98765 43210")
    submitted = await post(client, alice, "business", **details)
    assert submitted.json()["masked_contact"] == "XXXXXXXXX3210"
    # a second code at once is refused until the cooldown passes
    throttled = await post(client, alice, "business/code")
    assert_problem(throttled, 429, "contact_code_throttled")
    code = await contact_code(container, "+919876543210")
    verified = await post(client, alice, "business/verify", code=code)
    assert verified.json()["state"] == "verified", verified.text


@pytest.mark.parametrize(
    ("change", "field", "code"),
    [
        ({"gstin": "27ACUPA7085R1Z0"}, "body.gstin", "invalid_checksum"),
        ({"gstin": COMPANY_GSTIN}, "body.gstin", "gstin_pan_mismatch"),
        ({"constitution": "partnership"}, "body.gstin", "gstin_pan_mismatch"),
        ({"contact": "not an email"}, "body.contact", "invalid_format"),
        ({"legal_name": "   "}, "body.legal_name", "blank"),
    ],
    ids=["check-char", "company-pan", "holder-type", "contact", "blank-name"],
)
async def test_bad_business_details_name_the_field_and_store_nothing(
    client: httpx.AsyncClient,
    container: Container,
    alice: Account,
    change: dict[str, str],
    field: str,
    code: str,
) -> None:
    await verify_pan(client, alice)
    response = await post(client, alice, "business", **business(**change))
    body = assert_problem(
        response, 422, code if code == "gstin_pan_mismatch" else "validation_failed"
    )
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert await kyc_rows(container, "kyc_business") == []


async def test_a_proprietorship_gstin_must_carry_the_proprietors_own_pan(
    client: httpx.AsyncClient, alice: Account
) -> None:
    await verify_pan(client, alice, "ABCPE1234R")
    response = await post(client, alice, "business", **business())
    body = assert_problem(response, 422, "gstin_pan_mismatch")
    assert "proprietor" in body["errors"][0]["message"]
    company = business(COMPANY_GSTIN, constitution="private_limited")
    assert (await post(client, alice, "business", **company)).status_code == 200


async def test_the_bank_step_penny_drops_and_matches_the_holder_name(
    client: httpx.AsyncClient, container: Container, alice: Account, bob: Account
) -> None:
    bank = {"account_number": GOOD_ACCOUNT, "ifsc": "HDFC0001098"}
    assert_problem(await post(client, alice, "bank", **bank), 422, "kyc_pan_required")
    await verify_pan(client, alice)
    mismatch = await post(
        client, alice, "bank", account_number=MISMATCH_ACCOUNT, ifsc="UTIB0002083"
    )
    assert mismatch.status_code == 200, mismatch.text
    assert mismatch.json()["state"] == "rejected"
    assert mismatch.json()["reason"] == "name_mismatch"
    assert mismatch.json()["holder_name"] == "SUNITA DEVI RAO"
    assert mismatch.json()["name_match_score"] < 0.85
    missing = await post(client, alice, "bank", account_number=MISSING_ACCOUNT, ifsc="UTIB0002083")
    assert (missing.json()["state"], missing.json()["reason"]) == ("rejected", "account_not_found")
    timeout = await post(client, alice, "bank", account_number=TIMEOUT_ACCOUNT, ifsc="UTIB0002083")
    assert (timeout.json()["state"], timeout.json()["reason"]) == (
        "submitted",
        "bank_rail_unavailable",
    )
    verified = await post(client, alice, "bank", **bank)
    assert verified.json() == {
        "masked_number": "XXXXXX7890",
        "ifsc": "HDFC0001098",
        "bank_name": "HDFC BANK",
        "branch": "SANDBOX BRANCH 1098",
        "holder_name": "PRIYA SHARMA",
        "name_match_score": 1.0,
        "state": "verified",
        "reason": None,
    }
    (row,) = await kyc_rows(container, "kyc_bank")
    assert row["name_match_score"] == 1.0
    assert GOOD_ACCOUNT not in row["sealed_number"]
    assert_problem(await post(client, alice, "bank", **bank), 409, "kyc_step_already_verified")
    # the same account (at another branch of the same bank) cannot back bob too
    await verify_pan(client, bob, "ABCPE1234R")
    taken = await post(client, bob, "bank", account_number=GOOD_ACCOUNT, ifsc="HDFC0001098")
    body = assert_problem(taken, 409, "bank_account_in_use")
    assert [e["field"] for e in body["errors"]] == ["body.account_number"]
    # the verified account is the withdrawal destination, read through kyc's public port
    port = verified_bank_accounts(container)
    user_id = UserId(alice.user["id"])
    account = await port.verified_account(user_id)
    assert account is not None
    assert (account.masked_number, account.bank_name, account.holder_name) == (
        "XXXXXX7890",
        "HDFC BANK",
        "PRIYA SHARMA",
    )
    sealed = await port.sealed_account_number(user_id)
    assert sealed is not None
    assert container.field_cipher.decrypt(sealed.token, context=sealed.context) == b"001234567890"
    assert await port.verified_account(UserId(bob.user["id"])) is None


@pytest.mark.parametrize(
    ("bank", "field", "code"),
    [
        ({"ifsc": "UTIB1002083"}, "body.ifsc", "invalid_format"),
        ({"ifsc": "UTI0002083"}, "body.ifsc", "invalid_format"),
        ({"ifsc": "SBIN0009999"}, "body.ifsc", "ifsc_not_found"),
        ({"account_number": "12345"}, "body.account_number", "invalid_format"),
    ],
    ids=["fifth-not-zero", "short", "unknown", "account-shape"],
)
async def test_bad_bank_details_name_the_field_and_store_nothing(
    client: httpx.AsyncClient,
    container: Container,
    alice: Account,
    bank: dict[str, str],
    field: str,
    code: str,
) -> None:
    await verify_pan(client, alice)
    payload = {"account_number": GOOD_ACCOUNT, "ifsc": "HDFC0001098"} | bank
    response = await post(client, alice, "bank", **payload)
    body = assert_problem(response, 422, code if code == "ifsc_not_found" else "validation_failed")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [(field, code)]
    assert await kyc_rows(container, "kyc_bank") == []


async def test_a_user_walks_every_step_to_level_three(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    assert (await status(client, alice))["level"] == 0
    await verify_pan(client, alice)
    assert (await status(client, alice))["level"] == 1
    await verify_aadhaar(client, alice, VALID_AADHAAR)
    assert (await status(client, alice))["level"] == 2
    details = business()
    await post(client, alice, "business", **details)
    await post(client, alice, "bank", account_number=GOOD_ACCOUNT, ifsc="ICIC00JKUCB")
    # the business step, once started, is required for level 3
    waiting = await status(client, alice)
    assert waiting["level"] == 2
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json()["next_step"] == "business"
    assert resume.json()["requires"] == ["code"]
    await post(
        client, alice, "business/verify", code=await contact_code(container, details["contact"])
    )
    done = await status(client, alice)
    assert done["level"] == 3
    assert [(s["step"], s["state"], s["masked_number"]) for s in done["steps"]] == [
        ("aadhaar", "verified", "XXXX XXXX 2346"),
        ("pan", "verified", "XXXXXX085R"),
        ("business", "verified", PROPRIETOR_GSTIN),
        ("bank", "verified", "XXXXXX7890"),
    ]
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json()["next_step"] is None


async def test_no_raw_account_number_or_contact_code_in_any_kyc_column_or_the_logs(
    client: httpx.AsyncClient,
    container: Container,
    alice: Account,
    bob: Account,
    caplog: pytest.LogCaptureFixture,
) -> None:
    details = business()
    with caplog.at_level(logging.DEBUG):
        await verify_pan(client, alice)
        await verify_aadhaar(client, alice, VALID_AADHAAR)
        await post(client, alice, "business", **details)
        contact = await contact_code(container, details["contact"])
        await post(client, alice, "business/verify", code=contact)
        await post(client, alice, "bank", account_number=MISMATCH_ACCOUNT, ifsc="UTIB0002083")
        await post(client, alice, "bank", account_number=GOOD_ACCOUNT, ifsc="HDFC0001098")
        await verify_pan(client, bob, "ABCPE1234R")
        await post(client, bob, "bank", account_number=GOOD_ACCOUNT, ifsc="HDFC0001098")  # 409
        await status(client, alice)
    raws = (GOOD_ACCOUNT, MISMATCH_ACCOUNT, VALID_AADHAAR)
    async with container.engine.connect() as connection:
        columns = await connection.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_name LIKE 'kyc\\_%' AND data_type IN ('text', 'character varying')"
            )
        )
        found = [(t, c) for t, c in columns]
        assert ("kyc_bank", "sealed_number") in found
        assert ("kyc_business", "contact") in found
        for table, column in found:
            for raw in raws:
                leaked = await connection.scalar(
                    text(f'SELECT count(*) FROM {table} WHERE "{column}" LIKE :raw'),  # noqa: S608
                    {"raw": f"%{raw}%"},
                )
                assert leaked == 0, f"{table}.{column} holds a raw number"
        for raw in (*raws, contact):
            audit = await connection.scalar(
                text("SELECT count(*) FROM audit_log WHERE CAST(changes AS text) LIKE :raw"),
                {"raw": f"%{raw}%"},
            )
            assert audit == 0
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert caplog.records, "the requests were logged"
    for raw in (*raws, contact):
        assert raw not in logged
