"""A 405 names in ``Allow`` every method of its path, whichever route matched first, and a
literal path segment is never taken for a neighbouring route's id."""

from __future__ import annotations

import httpx

from tests.support.accounts import assert_problem


async def test_allow_lists_every_method_of_the_path(client: httpx.AsyncClient) -> None:
    for path, allowed in (
        ("/api/v1/banking/deposits", "GET, POST"),  # two routes, one per method
        ("/api/v1/users/USR-7K2M9Q", "GET, PATCH"),
        ("/api/v1/branches/BR-001", "GET, PATCH, DELETE"),
        ("/healthz", "GET"),
    ):
        response = await client.request("OPTIONS", path)
        assert_problem(response, 405, "method_not_allowed")
        assert response.headers["allow"] == allowed, path


async def test_a_registration_step_is_not_read_as_a_registration_id(
    client: httpx.AsyncClient,
) -> None:
    for step in ("initiate", "verify-otp", "resend-otp", "basic-info"):
        response = await client.get(f"/api/v1/auth/register/{step}")
        assert_problem(response, 405, "method_not_allowed")
        assert response.headers["allow"] == "POST"
    unknown = await client.get("/api/v1/auth/register/6f1c1b8e-2d4e-4c47-9f0e-3d2b1a0c9e8f")
    assert_problem(unknown, 404, "registration_not_found")
