"""A NUL byte or another control character in any string input answers 422 naming the field,
on every route (path, query, JSON body, form), and bound SQL parameters never reach a log."""

from __future__ import annotations

import logging
import re
import uuid
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from sqlalchemy import text
from sqlalchemy.exc import DBAPIError

from infrastructure.container import Container
from tests.support.accounts import Account, Accounts, assert_problem

BUSINESS = {
    "legal_name": "Verma\u0000Traders",
    "constitution": "proprietorship",
    "gstin": "27ACUPA7085R1ZL",
    "registered_address": "12 MG Road, Pune 411001",
    "contact_channel": "email",
    "contact": "accounts@vermatraders.example",
}


def fields(response: httpx.Response) -> list[str]:
    body = assert_problem(response, 422, "validation_failed")
    assert {e["code"] for e in body["errors"]} == {"control_character"}, body
    return [e["field"] for e in body["errors"]]


@pytest.fixture
async def investor(accounts: Accounts) -> Account:
    return await accounts.register()


async def test_a_nul_in_the_business_step_names_the_field(
    client: httpx.AsyncClient, investor: Account, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.DEBUG):
        response = await client.post(
            "/api/v1/kyc/business", headers=investor.headers, json=BUSINESS
        )
    assert fields(response) == ["body.legal_name"]
    assert "Verma" not in caplog.text


async def test_a_nul_in_the_audit_filter_names_the_parameter(
    client: httpx.AsyncClient, investor: Account
) -> None:
    response = await client.get("/api/v1/audit/me?action=%00", headers=investor.headers)
    assert fields(response) == ["query.action"]


async def test_every_control_character_but_tab_and_newlines_is_refused_in_a_body(
    client: httpx.AsyncClient, investor: Account
) -> None:
    for char in [*(chr(c) for c in range(0x20) if c not in (9, 10, 13)), "\x7f"]:
        nested = {"registered_address": f"12 MG Road{char}", "contact": "a@b.example"}
        response = await client.post(
            "/api/v1/kyc/business", headers=investor.headers, json=BUSINESS | nested
        )
        assert fields(response) == ["body.legal_name", "body.registered_address"], repr(char)
    allowed = BUSINESS | {"legal_name": "Verma Traders", "registered_address": "12 MG\tRoad\r\n"}
    response = await client.post("/api/v1/kyc/business", headers=investor.headers, json=allowed)
    assert response.status_code != 422 or "control_character" not in response.text


async def test_form_fields_are_checked_and_uploaded_bytes_are_not(
    client: httpx.AsyncClient, investor: Account
) -> None:
    response = await client.post(
        "/api/v1/kyc/aadhaar/images",
        headers=investor.headers,
        data={"side": "front\x00"},
        files={"file": ("front.png", b"\x89PNG\r\n\x1a\n\x00\x00", "image/png")},
    )
    assert fields(response) == ["body.side"]


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        schema = document["components"]["schemas"][schema["$ref"].rsplit("/", 1)[-1]]
    return schema


def _json_body(document: dict[str, Any], operation: dict[str, Any]) -> dict[str, Any] | None:
    content = operation.get("requestBody", {}).get("content", {}).get("application/json")
    if content is None:
        return None
    schema = _resolve(document, content["schema"])
    names = schema.get("properties") or {"anything": {}}
    return dict.fromkeys(names, "x\x00")


# Routes whose path parameter is typed in the route itself: a path that is not of that type is
# no route at all (404 route_not_found), before any validation.
TYPED_IN_THE_ROUTE = {
    "GET /api/v1/auth/register/{registration_id}": (
        "{registration_id:uuid}, so GET /auth/register/initiate is a 405 of the POST route"
    ),
}


async def test_the_sweep_every_operation_refuses_a_nul_in_each_input(app: FastAPI) -> None:
    """Anonymous on purpose: the check runs before authentication, so every route answers."""
    document = app.openapi()
    failures: list[str] = []
    transport = httpx.ASGITransport(app=app, raise_app_exceptions=False)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        for template, item in document["paths"].items():
            for method, operation in item.items():
                params = operation.get("parameters", [])
                path = re.sub(r"\{([^}]+)\}", "%00", template)
                query = {p["name"]: "\x00" for p in params if p["in"] == "query"}
                body = _json_body(document, operation)
                expected = {f"path.{name}" for name in re.findall(r"\{([^}]+)\}", template)}
                expected |= {f"query.{name}" for name in query}
                expected |= {f"body.{name}" for name in body or {}}
                if not expected:
                    continue
                response = await client.request(
                    method.upper(), path, params=query, json=body, headers={"X-API-Key": "k"}
                )
                label = f"{method.upper()} {template}"
                if label in TYPED_IN_THE_ROUTE:
                    if response.status_code != 404 or response.json()["code"] != "route_not_found":
                        failures.append(f"{label}: {response.status_code} {response.text[:200]}")
                elif response.status_code != 422:
                    failures.append(f"{label}: {response.status_code} {response.text[:200]}")
                elif set(fields(response)) != expected:
                    failures.append(f"{label}: {fields(response)} != {sorted(expected)}")
    assert not failures, "\n".join(failures)


async def test_bound_parameters_never_appear_in_database_errors(container: Container) -> None:
    secret = f"user-input-{uuid.uuid4()}"
    with pytest.raises(DBAPIError) as raised:
        async with container.engine.connect() as conn:
            await conn.execute(text("SELECT CAST(:value AS integer)"), {"value": secret})
    assert secret not in str(raised.value)
    assert "hidden due to hide_parameters" in str(raised.value)
