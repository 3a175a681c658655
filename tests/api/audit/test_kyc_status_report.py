"""The KYC status report on seeded users: every step and state (zeros included) and the users
at each level, JSON and CSV, for report readers only."""

from __future__ import annotations

import csv
import io

import httpx
from fastapi import FastAPI

from tests.support.accounts import Account, Accounts, assert_problem
from tests.support.admins import super_admin

REPORT = "/api/v1/reports/kyc-status"


async def post(client: httpx.AsyncClient, who: Account, path: str, body: dict[str, str]) -> None:
    response = await client.post(f"/api/v1/kyc/{path}", headers=who.headers, json=body)
    assert response.status_code == 200, response.text


def aadhaar(number: str) -> dict[str, str]:
    return {"aadhaar_number": number, "name": "Asha Verma", "date_of_birth": "1990-04-12"}


async def test_the_kyc_status_report_counts_each_step_state_and_level(
    app: FastAPI, client: httpx.AsyncClient, accounts: Accounts
) -> None:
    admin = await super_admin(app, accounts)  # no KYC: level 0
    alice, bob, carol, _dave = [await accounts.register() for _ in range(4)]
    # alice: Aadhaar awaiting review, PAN verified (level 1)
    await post(client, alice, "aadhaar", aadhaar("234123412346"))
    await post(client, alice, "pan", {"pan": "ACUPA7085R", "name": "Asha Verma"})
    # bob: Aadhaar approved by a reviewer, PAN verified (level 2)
    await post(client, bob, "aadhaar", aadhaar("345234523452"))
    await post(client, bob, "pan", {"pan": "ABCPE1234Z", "name": "Ravi Kumar Sharma"})
    approved = await client.post(
        f"/api/v1/kyc/reviews/{bob.user['code']}/aadhaar/approve", headers=admin.headers
    )
    assert approved.json()["level"] == 2, approved.text
    # bob's bank account verified by the penny drop: level 3
    await post(client, bob, "bank", {"account_number": "50100123456789", "ifsc": "HDFC0001098"})
    # carol: PAN unknown to the registry (rejected); dave: nothing
    await post(client, carol, "pan", {"pan": "ABCPE1234X", "name": "Carol"})

    response = await client.get(REPORT, headers=admin.headers)
    assert response.status_code == 200, response.text
    report = response.json()
    assert report["users"] == 5
    assert {(s["step"], s["state"]): s["count"] for s in report["steps"]} == {
        ("aadhaar", "not_started"): 3,
        ("aadhaar", "submitted"): 0,
        ("aadhaar", "pending_review"): 1,
        ("aadhaar", "verified"): 1,
        ("aadhaar", "rejected"): 0,
        ("pan", "not_started"): 2,
        ("pan", "submitted"): 0,
        ("pan", "pending_review"): 0,
        ("pan", "verified"): 2,
        ("pan", "rejected"): 1,
        ("business", "not_started"): 5,
        ("business", "submitted"): 0,
        ("business", "pending_review"): 0,
        ("business", "verified"): 0,
        ("business", "rejected"): 0,
        ("bank", "not_started"): 4,
        ("bank", "submitted"): 0,
        ("bank", "pending_review"): 0,
        ("bank", "verified"): 1,
        ("bank", "rejected"): 0,
    }
    assert report["levels"] == [
        {"level": 0, "users": 3},
        {"level": 1, "users": 1},
        {"level": 2, "users": 0},
        {"level": 3, "users": 1},
    ]

    exported = await client.get(REPORT, params={"format": "csv"}, headers=admin.headers)
    assert exported.headers["content-type"].startswith("text/csv")
    rows = list(csv.reader(io.StringIO(exported.text)))
    assert rows[0] == ["section", "step", "state_or_level", "count"]
    assert ["step", "aadhaar", "pending_review", "1"] in rows
    assert ["step", "pan", "rejected", "1"] in rows
    assert ["step", "bank", "verified", "1"] in rows
    assert rows[-4:] == [
        ["level", "", "0", "3"],
        ["level", "", "1", "1"],
        ["level", "", "2", "0"],
        ["level", "", "3", "1"],
    ]
    assert len(rows) == 1 + 20 + 4

    denied = await client.get(REPORT, headers=alice.headers)
    assert_problem(denied, 403, "permission_denied")
