"""``meridian serve`` limits slow and malformed clients (docs/operations.md#server-limits),
checked with raw sockets against the real server the command starts: a 1 MiB header is refused
(431), a request whose Content-Length its body never reaches and a header that never ends are
answered 408 and closed within the read timeout, and well-formed requests, one after another on
a kept-alive connection, are served as before. nginx (nginx/nginx.conf) sets the same limits at
the edge."""

from __future__ import annotations

import contextlib
import re
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from tests.support.live_server import PROJECT_ROOT, free_port
from tests.support.processes import meridian_env, tail_of

pytestmark = pytest.mark.slow
READ_TIMEOUT = 2
BOUND = 15.0  # the socket gives up after this long: far more than the read timeout
NGINX = PROJECT_ROOT / "nginx" / "nginx.conf"


@pytest.fixture(scope="module")
def server(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[int]:
    port = free_port()
    log = tmp_path_factory.mktemp("serve") / "serve.log"
    env = meridian_env(
        database_url,
        EMBEDDED_WORKER="false",
        LOG_LEVEL="WARNING",
        HTTP_READ_TIMEOUT_SECONDS=str(READ_TIMEOUT),
    )
    process = subprocess.Popen(
        [sys.executable, "-m", "infrastructure.cli.main", "serve", "--port", str(port)],
        cwd=PROJECT_ROOT,
        env=env,
        stdout=log.open("a"),
        stderr=subprocess.STDOUT,
    )
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, tail_of(log)
            try:
                if httpx.get(f"http://127.0.0.1:{port}/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < deadline, f"meridian serve did not start\n{tail_of(log)}"
            time.sleep(0.2)
        yield port
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


def exchange(port: int, payload: bytes) -> bytes:
    """Send ``payload`` (as much as the server takes) and read until the server closes or
    ``BOUND`` passes (then ``socket.timeout`` propagates: the server neither answered nor
    closed)."""
    with socket.create_connection(("127.0.0.1", port), timeout=BOUND) as sock:
        with contextlib.suppress(OSError):  # the server refused the rest and closed
            sock.sendall(payload)
        received = b""
        try:
            while chunk := sock.recv(65536):
                received += chunk
        except ConnectionResetError:
            pass
        return received


def read_response(sock: socket.socket) -> bytes:
    """One whole response (head and Content-Length body) from a kept-alive connection."""
    received = b""
    while b"\r\n\r\n" not in received:
        received += sock.recv(65536)
    head, _, body = received.partition(b"\r\n\r\n")
    length = int(re.search(rb"content-length: (\d+)", head, re.IGNORECASE).group(1))  # type: ignore[union-attr]
    while len(body) < length:
        body += sock.recv(65536)
    return head + b"\r\n\r\n" + body


def status_of(response: bytes) -> int | None:
    found = re.match(rb"HTTP/1\.1 (\d{3}) ", response)
    return int(found.group(1)) if found else None


def test_a_1_mib_header_is_refused(server: int) -> None:
    payload = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Big: " + b"a" * 1_048_576 + b"\r\n\r\n"
    answer = exchange(server, payload)
    assert status_of(answer) in (431, None), answer[:200]  # 431, or closed
    if answer:
        assert b"request_header_too_large" in answer


def test_a_body_shorter_than_its_content_length_is_answered_408(server: int) -> None:
    payload = (
        b"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        b"Content-Length: 100\r\n\r\n{"
    )
    answer = exchange(server, payload)
    assert status_of(answer) == 408, answer[:300]
    assert b'"code":"request_timeout"' in answer


def test_a_header_that_never_ends_is_answered_408(server: int) -> None:
    answer = exchange(server, b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: a")
    assert status_of(answer) == 408, answer[:300]


def test_an_idle_connection_is_closed(server: int) -> None:
    assert exchange(server, b"") == b""  # closed, without an answer to no request


def test_well_formed_requests_are_served_on_a_kept_alive_connection(server: int) -> None:
    with socket.create_connection(("127.0.0.1", server), timeout=BOUND) as sock:
        for _ in range(2):
            sock.sendall(b"GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n")
            response = read_response(sock)
            assert status_of(response) == 200, response[:200]
    big_but_allowed = {"X-Fine": "a" * 8000}
    assert httpx.get(f"http://127.0.0.1:{server}/healthz", headers=big_but_allowed).is_success


def seconds(directive: str, text: str) -> float:
    found = re.search(rf"^\s*{directive}\s+(\d+)s;", text, re.MULTILINE)
    assert found, f"nginx.conf sets no {directive}"
    return float(found.group(1))


def test_nginx_limits_headers_and_slow_clients_at_the_edge() -> None:
    conf = NGINX.read_text()
    assert re.search(r"^\s*large_client_header_buffers\s+4\s+8k;", conf, re.MULTILINE)
    assert seconds("client_header_timeout", conf) <= 15
    assert seconds("client_body_timeout", conf) <= 15
    # nginx drops an idle upstream connection before the app does, so it never reuses one the
    # app is closing (HTTP_KEEPALIVE_SECONDS, default 5 s)
    upstream = conf[conf.index("upstream meridian_api") :]
    assert seconds("keepalive_timeout", upstream) < 5


def test_the_protocol_is_the_one_serve_runs() -> None:
    from infrastructure.config.settings import Settings
    from infrastructure.http_server.options import server_options
    from infrastructure.http_server.protocol import LimitedHttpToolsProtocol

    options = server_options(Settings(_env_file=None))
    module, _, name = options["http"].partition(":")
    assert getattr(sys.modules[module], name) is LimitedHttpToolsProtocol
    assert options["timeout_keep_alive"] == 5.0
    assert Path(sys.modules[module].__file__ or "").name == "protocol.py"


def test_serve_passes_the_worker_healthcheck_timeout() -> None:
    from infrastructure.config.settings import Settings
    from infrastructure.http_server.options import server_options

    assert server_options(Settings(_env_file=None))["timeout_worker_healthcheck"] == 5
    slow = Settings(_env_file=None, http_worker_healthcheck_seconds=60)
    assert server_options(slow)["timeout_worker_healthcheck"] == 60
