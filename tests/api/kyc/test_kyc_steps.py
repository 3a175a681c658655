"""The first KYC steps over HTTP, as real signed-in users: Aadhaar, PAN, status and resume."""

from __future__ import annotations

import logging
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin

VALID_AADHAAR = "234123412346"  # ../shared/TEST_VECTORS.md
MASKED_AADHAAR = "XXXX XXXX 2346"


def aadhaar(number: str = VALID_AADHAAR, **extra: Any) -> dict[str, Any]:
    return {"aadhaar_number": number, "name": "Asha Verma", "date_of_birth": "1990-04-12"} | extra


async def kyc_rows(container: Container, table: str) -> list[dict[str, Any]]:
    async with container.engine.connect() as connection:
        rows = await connection.execute(text(f"SELECT * FROM {table}"))  # noqa: S608
        return [dict(r._mapping) for r in rows]


async def status(client: httpx.AsyncClient, who: Account, code: str | None = None) -> Any:
    """``who``'s own status (no code), or, for a reviewer, the status of the user ``code``."""
    path = "/api/v1/kyc/status" if code is None else f"/api/v1/kyc/status/{code}"
    response = await client.get(path, headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def test_a_valid_aadhaar_is_stored_sealed_and_shown_masked(
    client: httpx.AsyncClient, container: Container, alice: Account
) -> None:
    response = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["masked_number"] == MASKED_AADHAAR
    assert body["state"] == "pending_review"
    assert VALID_AADHAAR not in response.text
    (row,) = await kyc_rows(container, "kyc_aadhaar")
    assert row["masked_number"] == MASKED_AADHAAR
    assert VALID_AADHAAR not in row["sealed_number"]
    context = f"kyc_aadhaar:{alice.user['id']}".encode()
    opened = container.field_cipher.decrypt(row["sealed_number"], context=context)
    assert opened.decode() == VALID_AADHAAR


@pytest.mark.parametrize(
    ("number", "code"),
    [
        ("234123412347", "invalid_checksum"),
        ("643343121", "invalid_length"),
        ("123412341234", "invalid_format"),
        ("222222222222", "invalid_format"),
    ],
    ids=["check-digit", "length", "starts-with-1", "palindrome"],
)
async def test_an_invalid_aadhaar_is_refused_naming_the_field_and_nothing_is_stored(
    client: httpx.AsyncClient, container: Container, alice: Account, number: str, code: str
) -> None:
    response = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar(number))
    body = assert_problem(response, 422, "validation_failed")
    assert [(e["field"], e["code"]) for e in body["errors"]] == [("body.aadhaar_number", code)]
    assert number not in response.text
    assert await kyc_rows(container, "kyc_aadhaar") == []


async def test_an_aadhaar_already_submitted_by_another_account_is_a_conflict(
    client: httpx.AsyncClient, container: Container, alice: Account, bob: Account
) -> None:
    first = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    assert first.status_code == 200, first.text
    again = await client.post("/api/v1/kyc/aadhaar", headers=bob.headers, json=aadhaar())
    body = assert_problem(again, 409, "aadhaar_in_use")
    assert [e["field"] for e in body["errors"]] == ["body.aadhaar_number"]
    assert len(await kyc_rows(container, "kyc_aadhaar")) == 1
    # the owner may submit it again (a correction of name or date of birth)
    resubmitted = await client.post(
        "/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar(name="Asha R Verma")
    )
    assert resubmitted.status_code == 200, resubmitted.text


async def test_a_pan_verifies_when_the_name_matches_and_is_rejected_when_not(
    client: httpx.AsyncClient, container: Container, alice: Account, bob: Account
) -> None:
    verified = await client.post(
        "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ACUPA7085R", "name": "Asha Verma"}
    )
    assert verified.status_code == 200, verified.text
    assert verified.json() == {
        "masked_number": "XXXXXX085R",
        "holder": "individual",
        "name": "Asha Verma",
        "name_match_score": 1.0,
        "state": "verified",
        "reason": None,
    }
    # ending in Z: the sandbox registers it to RAVI KUMAR SHARMA
    rejected = await client.post(
        "/api/v1/kyc/pan", headers=bob.headers, json={"pan": "ABCPE1234Z", "name": "Asha Verma"}
    )
    assert rejected.status_code == 200, rejected.text
    assert rejected.json()["state"] == "rejected"
    assert rejected.json()["reason"] == "name_mismatch"
    assert rejected.json()["name_match_score"] < 0.85
    # resubmitting with the registered name (a close spelling) verifies it
    fixed = await client.post(
        "/api/v1/kyc/pan", headers=bob.headers, json={"pan": "ABCPE1234Z", "name": "Ravi K Sharma"}
    )
    assert fixed.json()["state"] == "verified", fixed.text
    scores = {
        r["masked_number"]: r["name_match_score"] for r in await kyc_rows(container, "kyc_pan")
    }
    assert scores["XXXXXX085R"] == 1.0
    assert 0.85 <= scores["XXXXXX234Z"] < 1.0
    taken = await client.post(
        "/api/v1/kyc/pan", headers=bob.headers, json={"pan": "ACUPA7085R", "name": "Asha Verma"}
    )
    assert taken.status_code == 409  # already verified on bob's own account, or in use


async def test_a_pan_unknown_to_the_registry_is_rejected_and_a_timeout_can_be_retried(
    client: httpx.AsyncClient, alice: Account
) -> None:
    missing = await client.post(
        "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ABCPE1234X", "name": "Asha"}
    )
    assert (missing.json()["state"], missing.json()["reason"]) == ("rejected", "pan_not_found")
    timeout = await client.post(
        "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ABCPE1234Y", "name": "Asha"}
    )
    assert (timeout.json()["state"], timeout.json()["reason"]) == (
        "submitted",
        "provider_unavailable",
    )
    bad = await client.post(
        "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ABMXA3211G", "name": "Asha"}
    )
    body = assert_problem(bad, 422, "validation_failed")
    assert [e["field"] for e in body["errors"]] == ["body.pan"]


async def test_status_and_resume_walk_the_owner_through_the_steps(
    client: httpx.AsyncClient, alice: Account
) -> None:
    code = alice.user["code"]
    start = await status(client, alice)
    assert start == {
        "user_code": code,
        "level": 0,
        "steps": [
            {"step": step, "state": "not_started", "reason": None, "masked_number": None}
            for step in ("aadhaar", "pan", "business", "bank")
        ],
        "capabilities": dict.fromkeys(
            ("convert", "deposit", "invest", "trade", "transfer", "withdraw"), False
        ),
    }
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json()["next_step"] == "aadhaar"
    assert resume.json()["requires"] == ["aadhaar_number", "name", "date_of_birth"]

    await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json() == {
        "user_code": code,
        "level": 0,
        "next_step": "pan",
        "requires": ["pan", "name"],
        "reason": None,
        "waiting_on": ["aadhaar"],
        "optional": ["business"],
    }

    await client.post(
        "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ABCPE1234Z", "name": "Asha"}
    )
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert (resume.json()["next_step"], resume.json()["reason"]) == ("pan", "name_mismatch")

    await client.post(
        "/api/v1/kyc/pan",
        headers=alice.headers,
        json={"pan": "ABCPE1234Z", "name": "Ravi Kumar Sharma"},
    )
    done = await status(client, alice)
    assert done["level"] == 1
    assert [(s["step"], s["state"], s["masked_number"]) for s in done["steps"]] == [
        ("aadhaar", "pending_review", MASKED_AADHAAR),
        ("pan", "verified", "XXXXXX234Z"),
        ("business", "not_started", None),
        ("bank", "not_started", None),
    ]
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert resume.json()["next_step"] == "bank"  # business details are optional
    assert resume.json()["requires"] == ["account_number", "ifsc"]
    assert resume.json()["waiting_on"] == ["aadhaar"]


async def test_routes_by_code_are_for_reviewers_and_mine_have_no_code(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts, alice: Account, bob: Account
) -> None:
    await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
    code = alice.user["code"]
    # By code is a reviewer's route: refused to an investor, for someone else or themselves.
    for who, path in (
        (bob, f"/api/v1/kyc/status/{code}"),
        (bob, f"/api/v1/kyc/resume/{code}"),
        (alice, f"/api/v1/kyc/status/{code}"),
        (alice, f"/api/v1/kyc/resume/{code}"),
        (alice, "/api/v1/kyc/status/USR-ZZZZZZ"),
    ):
        assert_problem(await client.get(path, headers=who.headers), 403, "permission_denied")
    mine = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert (mine.json()["user_code"], mine.json()["next_step"]) == (code, "pan")
    assert (await status(client, bob))["user_code"] == bob.user["code"]
    reviewer = await super_admin(app, accounts)
    unknown = await client.get("/api/v1/kyc/status/USR-ZZZZZZ", headers=reviewer.headers)
    assert_problem(unknown, 404, "user_not_found")
    seen = await status(client, reviewer, code)
    assert seen["steps"][0]["masked_number"] == MASKED_AADHAAR
    assert seen["steps"][0]["state"] == "pending_review"


async def test_no_raw_aadhaar_in_any_kyc_column_or_the_logs(
    client: httpx.AsyncClient,
    container: Container,
    alice: Account,
    bob: Account,
    caplog: pytest.LogCaptureFixture,
) -> None:
    with caplog.at_level(logging.DEBUG):
        await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=aadhaar())
        await client.post("/api/v1/kyc/aadhaar", headers=bob.headers, json=aadhaar())  # 409
        await client.post(
            "/api/v1/kyc/aadhaar", headers=bob.headers, json=aadhaar("234123412347")
        )  # 422
        await client.post(
            "/api/v1/kyc/pan", headers=alice.headers, json={"pan": "ACUPA7085R", "name": "Asha"}
        )
        await status(client, alice)
        await client.get("/api/v1/kyc/resume", headers=alice.headers)
    async with container.engine.connect() as connection:
        columns = await connection.execute(
            text(
                "SELECT table_name, column_name FROM information_schema.columns "
                "WHERE table_name LIKE 'kyc\\_%' AND data_type IN ('text', 'character varying')"
            )
        )
        found = [(t, c) for t, c in columns]
        assert ("kyc_aadhaar", "sealed_number") in found
        for table, column in found:
            leaked = await connection.scalar(
                text(f'SELECT count(*) FROM {table} WHERE "{column}" LIKE :raw'),  # noqa: S608
                {"raw": "%2341%2341%2346%"},
            )
            assert leaked == 0, f"{table}.{column} holds the raw Aadhaar number"
        audit = await connection.scalar(
            text("SELECT count(*) FROM audit_log WHERE CAST(changes AS text) LIKE :raw"),
            {"raw": f"%{VALID_AADHAAR}%"},
        )
        assert audit == 0
    logged = "\n".join(r.getMessage() + repr(r.__dict__) for r in caplog.records)
    assert caplog.records, "the requests were logged"
    assert VALID_AADHAAR not in logged
    assert "234123412347" not in logged
