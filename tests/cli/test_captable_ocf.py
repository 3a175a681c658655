"""`meridian captable import FILE` and `export ISSUER FILE` on a scratch database: the import
prints the new issuer and what was and was not imported, the export writes a package that
reads back whole, and a refused package exits 1 naming the problem."""

from __future__ import annotations

import asyncio
import re
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from infrastructure.captable.ocf.codec import read_validated
from infrastructure.cli.main import app
from tests.support.databases import drop_database, recreate_database
from tests.support.ocf import acme_package, bomb_member, zip_of
from usecases.captable.ocf.ports import OcfLimits

runner = CliRunner()


@pytest.fixture
def scratch_url(database_url: str) -> Iterator[str]:
    name = f"meridian_ocf_cli_{uuid.uuid4().hex[:10]}"
    url = asyncio.run(recreate_database(database_url, name))
    yield url
    asyncio.run(drop_database(database_url, name))


def test_import_then_export_through_the_cli(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    monkeypatch.setenv("DOCUMENTS_DIR", str(tmp_path / "documents"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    package = tmp_path / "acme.ocf.zip"
    package.write_bytes(acme_package())

    imported = runner.invoke(app, ["captable", "import", str(package)])

    assert imported.exit_code == 0, imported.output
    assert "(ACME Industries): 10 events" in imported.output
    assert "imported STAKEHOLDER: 4" in imported.output
    assert "not imported TX_WARRANT_ISSUANCE: 1" in imported.output
    issuer = re.search(r"issuer ([0-9a-f-]{36})", imported.output)
    assert issuer is not None

    out = tmp_path / "out.ocf.zip"
    exported = runner.invoke(app, ["captable", "export", issuer.group(1), str(out)])

    assert exported.exit_code == 0, exported.output
    back = read_validated(out.read_bytes(), filename=out.name, limits=OcfLimits())
    assert back.issuer["legal_name"] == "ACME Industries"
    assert sum(1 for o in back.objects() if o["object_type"] == "STAKEHOLDER") == 4


def test_a_refused_package_exits_1_naming_the_problem(
    scratch_url: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DATABASE_URL", scratch_url)
    monkeypatch.setenv("DOCUMENTS_DIR", str(tmp_path / "documents"))
    monkeypatch.delenv("REDIS_URL", raising=False)
    assert runner.invoke(app, ["migrate"]).exit_code == 0
    bomb = tmp_path / "bomb.ocf.zip"
    bomb.write_bytes(zip_of({"Manifest.ocf.json": bomb_member(50 * 1024 * 1024)}))

    refused = runner.invoke(app, ["captable", "import", str(bomb)])

    assert refused.exit_code == 1
    assert "refused (ocf_compression_ratio)" in refused.output
