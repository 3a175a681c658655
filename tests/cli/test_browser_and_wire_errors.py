"""A browser app on a local origin (``CORS_ORIGINS=http://localhost:5173``, docs/development.md)
can call the API and read the headers it needs; and whatever refuses a request, the CORS
check or the HTTP parser below the app, the answer is problem+json with a stable code. Checked
against a real server process running the protocol ``meridian serve`` runs, with raw sockets for
what no HTTP client would send."""

from __future__ import annotations

import json
import re
import socket
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from infrastructure.http_server.protocol import PATH
from tests.support.live_server import free_port, start_process, stop_server, uvicorn_command

pytestmark = pytest.mark.slow
SPA = "http://localhost:5173"
BOUND = 15.0


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    log = tmp_path_factory.mktemp("wire") / "server.log"
    command = uvicorn_command(port, "--http", PATH)
    env = {"CORS_ORIGINS": SPA, "HTTP_MAX_HEADER_BYTES": "8192"}
    process = start_process(command, database_url, port, log, env, within=120)
    try:
        yield port
    finally:
        stop_server(process)


def exchange(port: int, payload: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=BOUND) as sock:
        sock.sendall(payload)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
        return received


def problem_of(answer: bytes, status: int) -> dict[str, Any]:
    head, _, body = answer.partition(b"\r\n\r\n")
    assert re.match(rb"HTTP/1\.1 %d " % status, head), answer[:300]
    assert re.search(rb"(?im)^content-type: application/problem\+json\r?$", head), head
    problem: dict[str, Any] = json.loads(body)
    assert problem["status"] == status
    return problem


def test_the_local_spa_may_call_the_api(server: int) -> None:
    base = f"http://127.0.0.1:{server}"
    preflight = httpx.options(
        f"{base}/api/v1/auth/login",
        headers={
            "Origin": SPA,
            "Access-Control-Request-Method": "POST",
            "Access-Control-Request-Headers": "content-type, idempotency-key",
        },
    )
    assert preflight.status_code == 200, preflight.text
    assert preflight.headers["access-control-allow-origin"] == SPA
    answer = httpx.get(f"{base}/api/v1/status", headers={"Origin": SPA})
    assert answer.headers["access-control-allow-origin"] == SPA
    listed = answer.headers["access-control-expose-headers"].split(",")
    exposed = {h.strip().lower() for h in listed}
    assert {"content-disposition", "idempotent-replayed", "retry-after", "x-request-id"} <= exposed


def test_a_preflight_from_another_origin_is_refused_as_a_problem(server: int) -> None:
    refused = httpx.options(
        f"http://127.0.0.1:{server}/api/v1/auth/login",
        headers={"Origin": "https://evil.example", "Access-Control-Request-Method": "POST"},
    )
    assert refused.status_code == 400
    assert refused.headers["content-type"] == "application/problem+json"
    problem = refused.json()
    assert problem["code"] == "cors_not_allowed"
    assert "origin" in problem["detail"]
    assert problem["instance"] == "/api/v1/auth/login"
    assert "access-control-allow-origin" not in refused.headers


@pytest.mark.parametrize(
    "payload",
    [
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Bad: a\x01b\r\n\r\n",  # a control byte
        b"GET /healthz HTTP/1.1\r\nHost: x\r\nBad Name: a\r\n\r\n",  # a space in a name
        b"HELLO\r\n\r\n",  # no request line at all
        b"GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\n\r\n",  # a path that is not ASCII
        b"GET /healthz HTTP/9.9\r\nHost: x\r\n\r\n",  # no such version
    ],
    ids=["control-byte", "space-in-name", "no-request-line", "non-ascii-path", "version"],
)
def test_a_request_the_parser_refuses_is_answered_as_a_problem(server: int, payload: bytes) -> None:
    problem = problem_of(exchange(server, payload), 400)
    assert problem["code"] == "invalid_http_request"


def test_an_oversized_header_is_answered_as_a_problem(server: int) -> None:
    payload = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 20_000 + b"\r\n\r\n"
    problem = problem_of(exchange(server, payload), 431)
    assert problem["code"] == "request_header_too_large"


def test_the_server_still_serves_after_refusing(server: int) -> None:
    exchange(server, b"HELLO\r\n\r\n")
    assert httpx.get(f"http://127.0.0.1:{server}/healthz").status_code == 200
