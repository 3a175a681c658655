"""Generate a Python SDK from the live schema, install it, and use it against a real server."""

from __future__ import annotations

import importlib
import json
import os
import subprocess
import sys
from pathlib import Path

import httpx
import pytest

pytestmark = pytest.mark.slow

CONFIG = Path(__file__).resolve().parents[2] / "sdk" / "openapi-python-client.yaml"


def test_a_generated_sdk_reads_the_platform_status(live_server: str, tmp_path: Path) -> None:
    schema_file = tmp_path / "openapi.json"
    schema_file.write_text(json.dumps(httpx.get(f"{live_server}/api/schema", timeout=10).json()))
    output = tmp_path / "meridian-sdk"
    generate = subprocess.run(
        [
            sys.executable,
            "-m",
            "openapi_python_client",
            "generate",
            "--path",
            str(schema_file),
            "--output-path",
            str(output),
            "--config",
            str(CONFIG),
            "--meta",
            "setup",
            "--fail-on-warning",
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
        env={
            **os.environ,
            "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}",
        },
    )
    assert generate.returncode == 0, generate.stdout + generate.stderr
    site = tmp_path / "site"
    install = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--target",
            str(site),
            str(output),
        ],
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )
    assert install.returncode == 0, install.stdout + install.stderr

    sys.path.insert(0, str(site))
    try:
        sdk = importlib.import_module("meridian_api_client")
        status_api = importlib.import_module("meridian_api_client.api.system.system_get_status")
        models = importlib.import_module("meridian_api_client.models")
        with sdk.Client(base_url=live_server) as client:
            status = status_api.sync(client=client)
    finally:
        sys.path.remove(str(site))
        for name in [m for m in sys.modules if m.startswith("meridian_api_client")]:
            del sys.modules[name]

    assert isinstance(status, models.StatusRead)
    assert status.version == "0.1.0"
    assert status.database.status.value == "ok"
    assert status.mode.value == "single-process"
