"""Every failure is RFC 9457 problem+json with a stable code, whatever produced it."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from decimal import Decimal

import httpx
import pytest
from fastapi import APIRouter, FastAPI
from pydantic import BaseModel

from domain.shared.errors import Conflict, RateLimited, invalid_field
from infrastructure.app import create_app
from infrastructure.container import Container

PROBLEM = "application/problem+json"


class OrderCreate(BaseModel):
    quantity: int
    price: Decimal


def probe_router() -> APIRouter:
    """Routes used only here, to drive each failure path through the real app."""
    router = APIRouter(prefix="/api/v1/probe", tags=["system"])

    @router.post("/orders", status_code=201)
    async def create_order(body: OrderCreate) -> OrderCreate:
        return body

    @router.get("/boom")
    async def boom() -> None:
        raise RuntimeError("secret internals: password=hunter2")

    @router.get("/conflict")
    async def conflict() -> None:
        raise Conflict("order 42 was changed by someone else", code="stale_version")

    @router.get("/invalid")
    async def invalid() -> None:
        raise invalid_field("body.iban", "checksum does not match")

    @router.get("/slow-down")
    async def slow_down() -> None:
        raise RateLimited("too many attempts", retry_after_seconds=17)

    return router


@pytest.fixture
def app(container: Container) -> FastAPI:
    app = create_app(
        container.settings.model_copy(update={"max_body_bytes": 2048}), container=container
    )
    app.include_router(probe_router())
    return app


def assert_problem(response: httpx.Response, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == PROBLEM
    body: dict[str, object] = response.json()
    assert body["status"] == status
    assert body["code"] == code
    assert body["type"] == f"urn:meridian:problem:{code}"
    assert body["request_id"] == response.headers["x-request-id"]
    assert body["detail"]
    return body


async def test_unknown_route(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.get("/api/v1/nothing-here"), 404, "route_not_found")
    assert body["detail"] == "No route matches GET /api/v1/nothing-here"
    assert body["instance"] == "/api/v1/nothing-here"


async def test_wrong_method(client: httpx.AsyncClient) -> None:
    response = await client.delete("/api/v1/status")
    assert_problem(response, 405, "method_not_allowed")
    assert response.headers["allow"] == "GET"


async def test_malformed_json_is_a_400_that_says_why(client: httpx.AsyncClient) -> None:
    response = await client.post(
        "/api/v1/probe/orders",
        content=b'{"quantity": 1,',
        headers={"content-type": "application/json"},
    )
    body = assert_problem(response, 400, "malformed_body")
    assert "not valid JSON" in str(body["detail"])


async def test_a_body_of_the_wrong_type_names_each_field(client: httpx.AsyncClient) -> None:
    response = await client.post("/api/v1/probe/orders", json={"quantity": "many", "price": [1]})
    body = assert_problem(response, 422, "validation_failed")
    fields = {e["field"]: e["code"] for e in body["errors"]}  # type: ignore[union-attr]
    assert fields == {"body.quantity": "int_parsing", "body.price": "decimal_type"}
    assert "body.quantity" in str(body["detail"])


async def test_a_missing_body_is_named(client: httpx.AsyncClient) -> None:
    body = assert_problem(await client.post("/api/v1/probe/orders"), 422, "validation_failed")
    assert body["errors"] == [{"field": "body", "message": "is required", "code": "missing"}]


async def test_a_declared_oversized_body_is_refused_before_reading(
    client: httpx.AsyncClient,
) -> None:
    response = await client.post(
        "/api/v1/probe/orders", content=b"x" * 4096, headers={"content-type": "application/json"}
    )
    assert_problem(response, 413, "payload_too_large")


async def test_a_streamed_oversized_body_is_refused(client: httpx.AsyncClient) -> None:
    async def chunks() -> AsyncIterator[bytes]:
        for _ in range(8):
            yield b" " * 1024

    response = await client.post(
        "/api/v1/probe/orders", content=chunks(), headers={"content-type": "application/json"}
    )
    assert "content-length" not in response.request.headers
    assert_problem(response, 413, "payload_too_large")


async def test_domain_errors_keep_their_code_and_fields(client: httpx.AsyncClient) -> None:
    assert_problem(await client.get("/api/v1/probe/conflict"), 409, "stale_version")
    body = assert_problem(await client.get("/api/v1/probe/invalid"), 422, "validation_failed")
    assert body["errors"] == [
        {"field": "body.iban", "message": "checksum does not match", "code": "invalid"}
    ]
    limited = await client.get("/api/v1/probe/slow-down")
    assert_problem(limited, 429, "rate_limited")
    assert limited.headers["retry-after"] == "17"


async def test_an_unhandled_error_is_a_500_with_the_request_id_and_no_internals(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.ERROR, logger="meridian.errors"):
        response = await client.get("/api/v1/probe/boom", headers={"X-Request-ID": "trace-123"})
    body = assert_problem(response, 500, "internal_error")
    assert body["request_id"] == "trace-123"
    assert "trace-123" in str(body["detail"])
    assert "hunter2" not in response.text
    assert "Traceback" not in response.text
    assert any(r.exc_info for r in caplog.records), "the fault is logged with its traceback"


async def test_the_request_id_is_echoed_or_minted(client: httpx.AsyncClient) -> None:
    echoed = await client.get("/healthz", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    minted = await client.get("/healthz", headers={"X-Request-ID": "bad id\twith spaces"})
    assert len(minted.headers["x-request-id"]) == 32


async def test_security_headers_are_set(client: httpx.AsyncClient) -> None:
    headers = (await client.get("/api/v1/status")).headers
    assert headers["x-content-type-options"] == "nosniff"
    assert headers["x-frame-options"] == "DENY"
    assert headers["referrer-policy"] == "no-referrer"
    assert headers["content-security-policy"].startswith("default-src 'none'")
    assert headers["cache-control"] == "no-store"


async def test_one_access_log_line_per_request(
    client: httpx.AsyncClient, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.INFO, logger="meridian.access"):
        response = await client.get("/api/v1/status", headers={"X-Request-ID": "log-1"})
    lines = [r for r in caplog.records if r.name == "meridian.access"]
    assert len(lines) == 1
    line = lines[0]
    assert (line.method, line.route, line.status, line.request_id) == (  # type: ignore[attr-defined]
        "GET",
        "/api/v1/status",
        response.status_code,
        "log-1",
    )
    assert line.duration_ms >= 0  # type: ignore[attr-defined]


async def test_a_real_public_endpoint_answers_bad_bodies_with_problems(
    container: Container,
) -> None:
    """The same answers on a route of the product (registration), not only on probes."""
    app = create_app(container.settings, container=container)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://testserver") as client:
        malformed = await client.post(
            "/api/v1/auth/register/initiate",
            content=b'{"email": "a@example.com",',
            headers={"content-type": "application/json"},
        )
        wrong = await client.post(
            "/api/v1/auth/register/initiate", json={"email": 42, "mobile": [], "password": None}
        )
    assert_problem(malformed, 400, "malformed_body")
    body = assert_problem(wrong, 422, "validation_failed")
    assert {e["field"] for e in body["errors"]} >= {"body.email", "body.mobile", "body.password"}
