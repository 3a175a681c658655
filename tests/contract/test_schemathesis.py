"""schemathesis ``st run --checks all`` over every operation of the OpenAPI document, against a
real server, as three callers at once: nobody, an investor and a super admin with two-factor.

Every phase runs (the document's examples, coverage, fuzzing and stateful sequences along the
links schemathesis infers), with positive and negative data, a fixed seed, deterministic
generation and no example database, so a run in CI is the run on a laptop. A failure names
the caller, then schemathesis's own summary: the operation, the check and a curl command that
reproduces it. How to run it by hand and what it leaves out: docs/contract-testing.md."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

pytestmark = [pytest.mark.slow, pytest.mark.schemathesis]

# Only what ends the caller's own session is left out: after it every later request of the run
# is a 401, and the run tests nothing. Each stays covered by its own API tests.
EXCLUDED: dict[str, str] = {
    "POST /api/v1/auth/logout": "ends the caller's session (tests/api/identity/test_sessions.py)",
    "POST /api/v1/auth/logout-all": (
        "ends every session of the caller (tests/api/identity/test_sessions.py)"
    ),
    "DELETE /api/v1/auth/sessions/{session_id}": (
        "a stateful link hands it the caller's own session from GET /auth/sessions "
        "(tests/api/identity/test_sessions.py)"
    ),
    "DELETE /api/v1/users/{user_code}/platforms/{platform}": (
        "a stateful link hands the admin its own code from GET /users/me; revoking the platform "
        "it signed in on ends its sessions there (tests/api/identity/test_access_control.py)"
    ),
    "DELETE /api/v1/auth/devices/{device_id}": (
        "a stateful link hands it the caller's own device from GET /auth/devices, whose "
        "sessions it ends (tests/api/identity/test_sessions.py)"
    ),
}

MAX_EXAMPLES = int(os.environ.get("SCHEMATHESIS_MAX_EXAMPLES", "10"))
SEED = int(os.environ.get("SCHEMATHESIS_SEED", "20261201"))
TIMEOUT = int(os.environ.get("SCHEMATHESIS_TIMEOUT", "900"))


@dataclass
class Run:
    caller: str
    process: subprocess.Popen[str]
    output: Path


def command(base_url: str, headers: dict[str, str], report: Path) -> list[str]:
    st = Path(sys.executable).parent / "st"
    args = [
        str(st),
        "run",
        f"{base_url}/api/schema",
        "--checks",
        "all",
        # Well-formed data that breaks a rule is a 422 with its own code here (a wrong OTP
        # `otp_invalid`, `password_incorrect`, `kyc_pan_required`...): this check counts
        # every such answer as valid data rejected. docs/contract-testing.md has the numbers.
        "--exclude-checks",
        "positive_data_acceptance",
        "--mode",
        "all",
        "--max-examples",
        str(MAX_EXAMPLES),
        "--seed",
        str(SEED),
        "--generation-deterministic",  # and so no example database
        "--suppress-health-check",
        "all",
        "--workers",
        "1",
        "--request-timeout",
        "30",
        "--no-color",
        "--report",
        "junit",
        "--report-junit-path",
        str(report),
    ]
    for name, value in headers.items():
        args += ["--header", f"{name}: {value}"]
    for label in EXCLUDED:
        args += ["--exclude-name", label]
    return args


def start(caller: str, base_url: str, headers: dict[str, str], folder: Path) -> Run:
    output = folder / f"{caller}.txt"
    process = subprocess.Popen(
        command(base_url, headers, folder / f"{caller}.xml"),
        cwd=folder,  # schemathesis keeps its crash cache (.schemathesis/) in the working folder
        stdout=output.open("w"),
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "SCHEMATHESIS_HOOKS": ""},
    )
    return Run(caller, process, output)


def summary(text: str) -> str:
    """The part of schemathesis's output that names the failing operations and checks."""
    start = text.find("FAILURES")
    return text[start:] if start >= 0 else text[-6000:]


def test_every_operation_passes_every_check_for_every_caller(
    live_server: str, callers: dict[str, dict[str, str]], tmp_path: Path
) -> None:
    folder = Path(os.environ.get("SCHEMATHESIS_OUTPUT", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    runs = [start(caller, live_server, headers, folder) for caller, headers in callers.items()]
    deadline = time.monotonic() + TIMEOUT
    failed = []
    for run in runs:
        try:
            code = run.process.wait(timeout=max(1.0, deadline - time.monotonic()))
        except subprocess.TimeoutExpired:
            run.process.kill()
            code = run.process.wait()
        if code != 0:
            failed.append(f"== as {run.caller} (exit {code}) ==\n{summary(run.output.read_text())}")
    for caller, headers in callers.items():
        if headers:  # an operation that ends the caller's session would leave only 401s behind
            me = httpx.get(f"{live_server}/api/v1/users/me", headers=headers, timeout=30)
            if me.status_code != 200:
                failed.append(f"== as {caller}: the session ended during the run ({me.text})")
    assert not failed, "\n\n".join(failed)
