"""The exact-route index in front of the route list picks the route the router would have
picked, sets the request up as the router does, and leaves everything else to the router."""

from __future__ import annotations

import re
from typing import Any

import httpx
from fastapi import APIRouter, FastAPI, Request

from adapters.http.middleware.exact_routes import ExactRoutes, install_exact_routes
from adapters.http.routes import route_table
from tests.support.accounts import Accounts, assert_problem


def _first_route(app: FastAPI, method: str, path: str) -> Any:
    """The endpoint of the first route, in the app's order, whose path and method match."""
    for route in route_table(app.routes):
        if method not in route.methods:
            continue
        pattern = "^" + re.sub(r"\{[^}]+\}", "[^/]+", route.path) + "$"
        if re.match(pattern, path):
            return route.endpoint
    return None


def test_every_indexed_path_goes_to_the_routers_own_route(app: FastAPI) -> None:
    stack = app.router.middleware_stack
    assert isinstance(stack, ExactRoutes)
    index = stack.index()
    assert ("GET", "/api/v1/users/me") in index
    assert ("PATCH", "/api/v1/users/me") in index
    assert ("GET", "/healthz") in index
    assert len(index) > 50
    for (method, path), hit in index.items():
        assert hit.route.endpoint is _first_route(app, method, path), f"{method} {path}"


async def test_requests_through_the_index_keep_every_guarantee(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    account = await accounts.register()
    me = await client.get("/api/v1/users/me", headers=account.headers)
    assert me.status_code == 200, me.text
    assert me.json()["email"] == account.email
    assert me.headers["x-request-id"]
    assert me.headers["x-content-type-options"] == "nosniff"
    assert_problem(await client.request("PUT", "/api/v1/users/me"), 405, "method_not_allowed")
    assert (await client.request("PUT", "/api/v1/users/me")).headers["allow"] == "GET, PATCH"
    slash = await client.get("/api/v1/users/me/")  # the router's redirect, as before
    assert (slash.status_code, slash.headers["location"]) == (
        307,
        "http://testserver/api/v1/users/me",
    )
    assert_problem(await client.get("/api/v1/nowhere"), 404, "route_not_found")
    metrics = await client.get("/metrics")
    assert 'route="/api/v1/users/me"' in metrics.text


async def test_the_bearer_scheme_is_read_as_httpbearer_reads_it(
    client: httpx.AsyncClient, accounts: Accounts
) -> None:
    account = await accounts.register()
    token = account.tokens["access_token"]
    lower = await client.get("/api/v1/users/me", headers={"Authorization": f"bearer  {token} "})
    assert lower.status_code == 200, lower.text
    for header in (f"Basic {token}", "Bearer", "Bearer ", token):
        refused = await client.get("/api/v1/users/me", headers={"Authorization": header})
        assert_problem(refused, 401, "missing_token")


def _recording_app(*, indexed: bool) -> FastAPI:
    """A small app with nested included routers whose endpoints report their scope."""
    app = FastAPI()
    inner = APIRouter(prefix="/inner")
    outer = APIRouter(prefix="/outer")

    def report(request: Request) -> dict[str, Any]:
        scope = request.scope
        fastapi_scope = scope.get("fastapi", {})
        return {
            "route": scope["route"].path,
            "endpoint": scope["endpoint"].__name__,
            "path_params": scope["path_params"],
            "router": scope["router"] is app.router,
            "fastapi": sorted(fastapi_scope),
            "included": repr(fastapi_scope.get("included_router", None))[:60],
        }

    @inner.get("/items/{item_id}")
    async def by_id(item_id: str, request: Request) -> dict[str, Any]:
        return {"by_id": item_id, **report(request)}

    @inner.get("/items/new")  # shadowed by the route above, as FastAPI matches in order
    async def new_item(request: Request) -> dict[str, Any]:
        return {"new": True, **report(request)}

    @inner.api_route("/static", methods=["GET", "POST"])
    async def static(request: Request) -> dict[str, Any]:
        return report(request)

    @inner.get("/only-get")
    async def only_get(request: Request) -> dict[str, Any]:
        return report(request)

    outer.include_router(inner)
    app.include_router(outer, prefix="/api")

    @app.get("/top")
    async def top(request: Request) -> dict[str, Any]:
        return report(request)

    if indexed:
        install_exact_routes(app.router)
    return app


REQUESTS = (
    ("GET", "/api/outer/inner/static"),
    ("POST", "/api/outer/inner/static"),
    ("HEAD", "/api/outer/inner/static"),
    ("GET", "/top"),
    ("GET", "/api/outer/inner/items/new"),
    ("GET", "/api/outer/inner/items/7"),
    ("POST", "/api/outer/inner/only-get"),
    ("GET", "/api/outer/inner/only-get/"),
    ("GET", "/api/outer/inner/nothing"),
)


async def _answers(app: FastAPI) -> list[tuple[int, str, str]]:
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        answers = []
        for method, path in REQUESTS:
            response = await client.request(method, path)
            answers.append((response.status_code, response.headers.get("allow", ""), response.text))
        return answers


async def test_the_index_answers_as_the_router_does() -> None:
    indexed, plain = _recording_app(indexed=True), _recording_app(indexed=False)
    stack = indexed.router.middleware_stack
    assert isinstance(stack, ExactRoutes)
    assert await _answers(indexed) == await _answers(plain)
    index = stack.index()
    assert set(index) >= {
        ("GET", "/api/outer/inner/static"),
        ("POST", "/api/outer/inner/static"),
        ("GET", "/top"),
    }
    assert ("GET", "/api/outer/inner/items/new") not in index  # the router's choice has an id
    shadowed = (await _answers(indexed))[4]
    assert '"by_id":"new"' in shadowed[2]


async def test_a_route_added_later_is_indexed() -> None:
    app = _recording_app(indexed=True)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
        assert (await client.get("/top")).status_code == 200
        assert (await client.get("/later")).status_code == 404

        @app.get("/later")
        async def later() -> dict[str, bool]:
            return {"later": True}

        assert (await client.get("/later")).json() == {"later": True}
