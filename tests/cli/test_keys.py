"""`meridian keys status|rotate` on a scratch database (the rotation itself is tested with
real sealed data in tests/api/kyc/test_key_rotation.py)."""

from __future__ import annotations

import asyncio
import base64
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infrastructure.cli.main import app
from tests.support.databases import drop_database, recreate_database

runner = CliRunner()
V1 = "v1:" + base64.b64encode(b"1" * 32).decode()
V2 = "v2:" + base64.b64encode(b"2" * 32).decode()


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_keys_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def test_keys_status_and_rotate_report_per_table(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    monkeypatch.setenv("DOCUMENTS_DIR", str(tmp_path))
    monkeypatch.setenv("FIELD_ENCRYPTION_KEYS", f"{V2},{V1}")
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    status = runner.invoke(app, ["keys", "status"])
    assert status.exit_code == 0, status.output
    assert "kyc_aadhaar.sealed_number: none" in status.output
    rotated = runner.invoke(app, ["keys", "rotate", "--batch-size", "50"])
    assert rotated.exit_code == 0, rotated.output
    assert "kyc_documents (files): 0 resealed under v2" in rotated.output
