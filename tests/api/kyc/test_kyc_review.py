"""The review queue over HTTP with real users and PostgreSQL: reviewers list, read, approve and
reject; the user's level follows on the user record, the user is told, the trail records it;
two reviewers racing on one submission get exactly one success."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text

from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin
from tests.support.locks import wait_for_blocked_queries
from tests.support.outbox import latest_variables

VALID_AADHAAR = "234123412346"  # ../shared/TEST_VECTORS.md
OTHER_AADHAARS = ("345234523452", "456345634567")  # Verhoeff-valid (python-stdnum)
MASKED_AADHAAR = "XXXX XXXX 2346"


@pytest.fixture
async def reviewer(app: FastAPI, accounts: Accounts) -> Account:
    return await super_admin(app, accounts)


async def submit_aadhaar(
    client: httpx.AsyncClient, who: Account, number: str = VALID_AADHAAR
) -> None:
    body = {"aadhaar_number": number, "name": "Asha Verma", "date_of_birth": "1990-04-12"}
    response = await client.post("/api/v1/kyc/aadhaar", headers=who.headers, json=body)
    assert response.status_code == 200, response.text
    assert response.json()["state"] == "pending_review"


async def verify_pan(client: httpx.AsyncClient, who: Account, pan: str = "ACUPA7085R") -> None:
    body = {"pan": pan, "name": "Asha Verma"}
    response = await client.post("/api/v1/kyc/pan", headers=who.headers, json=body)
    assert response.json()["state"] == "verified", response.text


async def kyc_status(client: httpx.AsyncClient, who: Account) -> Any:
    response = await client.get("/api/v1/kyc/status", headers=who.headers)
    assert response.status_code == 200, response.text
    return response.json()


async def user_level(client: httpx.AsyncClient, admin: Account, who: Account) -> int:
    response = await client.get(f"/api/v1/users/{who.user['code']}", headers=admin.headers)
    assert response.status_code == 200, response.text
    level: int = response.json()["kyc_level"]
    return level


def review_path(who: Account, step: str = "aadhaar") -> str:
    return f"/api/v1/kyc/reviews/{who.user['code']}/{step}"


async def audit_entries(container: Container, action: str) -> list[dict[str, Any]]:
    query = text("SELECT * FROM audit_log WHERE action = :action ORDER BY seq")
    async with container.engine.connect() as connection:
        rows = await connection.execute(query, {"action": action})
        return [dict(r._mapping) for r in rows]


async def test_a_reviewer_approves_and_the_level_follows_and_the_user_is_told(
    client: httpx.AsyncClient, container: Container, alice: Account, reviewer: Account
) -> None:
    await verify_pan(client, alice)
    assert await user_level(client, reviewer, alice) == 1  # written by the PAN submission
    await submit_aadhaar(client, alice)

    queue = await client.get("/api/v1/kyc/reviews", headers=reviewer.headers)
    assert queue.status_code == 200, queue.text
    (item,) = queue.json()["items"]
    assert item["user_code"] == alice.user["code"]
    assert (item["step"], item["state"]) == ("aadhaar", "pending_review")
    assert item["details"] == {
        "masked_number": MASKED_AADHAAR,
        "name": "Asha Verma",
        "date_of_birth": "1990-04-12",
    }

    approved = await client.post(f"{review_path(alice)}/approve", headers=reviewer.headers)
    assert approved.status_code == 200, approved.text
    assert approved.json() == {
        "user_code": alice.user["code"],
        "step": "aadhaar",
        "state": "verified",
        "reason": None,
        "level": 2,
    }
    assert await user_level(client, reviewer, alice) == 2
    status = await kyc_status(client, alice)
    assert status["level"] == 2
    assert status["capabilities"] == {
        "convert": True,
        "deposit": True,
        "invest": True,
        "trade": True,
        "transfer": False,  # needs level 3
        "withdraw": False,
    }
    sent = await latest_variables(container.engine, template="kyc.step_approved", to=alice.email)
    assert (sent["step"], sent["level"]) == ("Aadhaar", "2")
    (entry,) = await audit_entries(container, "kyc.approve_submission")
    assert str(entry["actor_id"]) == reviewer.user["id"]
    assert entry["resource_type"] == "kyc_aadhaar"
    assert entry["resource_id"] == alice.user["id"]
    assert entry["changes"]["state"] == {"before": "pending_review", "after": "verified"}
    assert entry["changes"]["level"] == {"before": 1, "after": 2}
    empty = await client.get("/api/v1/kyc/reviews", headers=reviewer.headers)
    assert empty.json() == {"items": [], "next_cursor": None}


async def test_a_rejection_with_a_reason_is_shown_and_the_user_resubmits_until_approved(
    client: httpx.AsyncClient, container: Container, alice: Account, reviewer: Account
) -> None:
    await submit_aadhaar(client, alice)
    rejected = await client.post(
        f"{review_path(alice)}/reject",
        headers=reviewer.headers,
        json={"reason": "document_unreadable", "note": "The photo of the back is blurred."},
    )
    assert rejected.status_code == 200, rejected.text
    assert (rejected.json()["state"], rejected.json()["reason"]) == (
        "rejected",
        "document_unreadable",
    )
    status = await kyc_status(client, alice)
    assert status["steps"][0] == {
        "step": "aadhaar",
        "state": "rejected",
        "reason": "document_unreadable",
        "masked_number": MASKED_AADHAAR,
    }
    resume = await client.get("/api/v1/kyc/resume", headers=alice.headers)
    assert (resume.json()["next_step"], resume.json()["reason"]) == (
        "aadhaar",
        "document_unreadable",
    )
    told = await latest_variables(container.engine, template="kyc.step_rejected", to=alice.email)
    assert told["reason"] == "document_unreadable"
    assert told["note"] == "The photo of the back is blurred."
    inbox = await client.get("/api/v1/notifications", headers=alice.headers)
    assert "blurred" in inbox.text

    # deciding again is a conflict until the user resubmits
    again = await client.post(f"{review_path(alice)}/approve", headers=reviewer.headers)
    assert_problem(again, 409, "kyc_step_not_pending_review")
    await submit_aadhaar(client, alice)
    approved = await client.post(f"{review_path(alice)}/approve", headers=reviewer.headers)
    assert approved.json()["state"] == "verified", approved.text

    detail = await client.get(review_path(alice), headers=reviewer.headers)
    assert detail.status_code == 200, detail.text
    assert detail.json()["state"] == "verified"
    assert [(d["decision"], d["reason"]) for d in detail.json()["decisions"]] == [
        ("approve", None),
        ("reject", "document_unreadable"),
    ]
    # verified: the user cannot resubmit any more
    body = {"aadhaar_number": VALID_AADHAAR, "name": "Asha Verma", "date_of_birth": "1990-04-12"}
    late = await client.post("/api/v1/kyc/aadhaar", headers=alice.headers, json=body)
    assert_problem(late, 409, "kyc_step_already_verified")


@pytest.mark.parametrize(
    ("body", "field", "code"),
    [
        ({"reason": "because"}, "body.reason", "unknown_reason"),
        ({"reason": "other"}, "body.note", "required"),
        (
            {"reason": "other", "note": "number is 2341 2341 2346"},
            "body.note",
            "contains_identifier",
        ),
    ],
    ids=["unknown-reason", "other-without-note", "number-in-note"],
)
async def test_a_rejection_needs_a_known_reason_and_a_clean_note(
    client: httpx.AsyncClient,
    alice: Account,
    reviewer: Account,
    body: dict[str, str],
    field: str,
    code: str,
) -> None:
    await submit_aadhaar(client, alice)
    response = await client.post(
        f"{review_path(alice)}/reject", headers=reviewer.headers, json=body
    )
    problem = assert_problem(response, 422, "validation_failed")
    assert [(e["field"], e["code"]) for e in problem["errors"]] == [(field, code)]
    assert (await kyc_status(client, alice))["steps"][0]["state"] == "pending_review"


async def test_only_reviewers_work_the_queue_and_nobody_decides_a_missing_submission(
    client: httpx.AsyncClient, accounts: Accounts, alice: Account, reviewer: Account
) -> None:
    await submit_aadhaar(client, alice)
    bob = await accounts.register()
    for method, path in (
        ("GET", "/api/v1/kyc/reviews"),
        ("GET", review_path(alice)),
        ("POST", f"{review_path(alice)}/approve"),
    ):
        response = await client.request(method, path, headers=bob.headers)
        assert_problem(response, 403, "permission_denied")
    missing = await client.post(f"{review_path(alice, 'pan')}/approve", headers=reviewer.headers)
    assert_problem(missing, 404, "kyc_submission_not_found")
    unknown = await client.get("/api/v1/kyc/reviews/USR-ZZZZZZ/aadhaar", headers=reviewer.headers)
    assert_problem(unknown, 404, "kyc_submission_not_found")
    assert (await kyc_status(client, alice))["steps"][0]["state"] == "pending_review"


async def test_a_reviewer_cannot_decide_their_own_kyc(
    client: httpx.AsyncClient, reviewer: Account
) -> None:
    await submit_aadhaar(client, reviewer)
    response = await client.post(f"{review_path(reviewer)}/approve", headers=reviewer.headers)
    assert_problem(response, 403, "kyc_self_review")


async def test_the_reviewer_never_sees_a_raw_number(
    client: httpx.AsyncClient, alice: Account, reviewer: Account
) -> None:
    await submit_aadhaar(client, alice)
    await verify_pan(client, alice)
    pages = [
        await client.get("/api/v1/kyc/reviews", headers=reviewer.headers),
        await client.get(review_path(alice), headers=reviewer.headers),
        await client.get(review_path(alice, "pan"), headers=reviewer.headers),
    ]
    for page in pages:
        assert page.status_code == 200, page.text
        assert VALID_AADHAAR not in page.text
        assert "ACUPA7085R" not in page.text
    assert pages[1].json()["details"]["masked_number"] == MASKED_AADHAAR
    assert pages[2].json()["details"]["masked_number"] == "XXXXXX085R"


async def test_the_queue_is_oldest_first_filtered_by_step_and_paged_by_cursor(
    client: httpx.AsyncClient, accounts: Accounts, reviewer: Account
) -> None:
    users = [await accounts.register() for _ in range(3)]
    for who, number in zip(users, (VALID_AADHAAR, *OTHER_AADHAARS), strict=True):
        await submit_aadhaar(client, who, number)
    seen: list[str] = []
    cursor: str | None = None
    while True:
        params: dict[str, Any] = {"limit": 2, "step": "aadhaar"}
        if cursor:
            params["cursor"] = cursor
        page = await client.get("/api/v1/kyc/reviews", headers=reviewer.headers, params=params)
        assert page.status_code == 200, page.text
        seen += [i["user_code"] for i in page.json()["items"]]
        cursor = page.json()["next_cursor"]
        if cursor is None:
            break
    assert seen == [u.user["code"] for u in users]
    only_pan = await client.get(
        "/api/v1/kyc/reviews", headers=reviewer.headers, params={"step": "pan"}
    )
    assert only_pan.json()["items"] == []
    bad = await client.get(
        "/api/v1/kyc/reviews", headers=reviewer.headers, params={"cursor": "nonsense"}
    )
    assert_problem(bad, 422, "validation_failed")


async def test_two_reviewers_deciding_at_once_give_exactly_one_success(
    app: FastAPI,
    client: httpx.AsyncClient,
    accounts: Accounts,
    container: Container,
    alice: Account,
    reviewer: Account,
) -> None:
    second = await super_admin(app, accounts)
    await submit_aadhaar(client, alice)
    # Hold the submission's row so both decisions are in flight at once, then let them go.
    async with container.engine.connect() as holder:
        held = await holder.begin()
        await holder.execute(
            text("SELECT 1 FROM kyc_aadhaar WHERE user_id = :user FOR UPDATE"),
            {"user": alice.user["id"]},
        )
        decisions = [
            asyncio.create_task(
                client.post(f"{review_path(alice)}/approve", headers=reviewer.headers)
            ),
            asyncio.create_task(
                client.post(
                    f"{review_path(alice)}/reject",
                    headers=second.headers,
                    json={"reason": "details_mismatch"},
                )
            ),
        ]
        await wait_for_blocked_queries(container, 2)
        await held.rollback()
    approve, reject = await asyncio.gather(*decisions)
    statuses = sorted([approve.status_code, reject.status_code])
    assert statuses == [200, 409], (approve.text, reject.text)
    loser = approve if approve.status_code == 409 else reject
    assert_problem(loser, 409, "kyc_step_not_pending_review")
    audited = [
        *await audit_entries(container, "kyc.approve_submission"),
        *await audit_entries(container, "kyc.reject_submission"),
    ]
    assert len(audited) == 1
    async with container.engine.connect() as connection:
        count = await connection.scalar(text("SELECT count(*) FROM kyc_review_decisions"))
    assert count == 1
