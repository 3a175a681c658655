"""Importing and exporting OCF packages through the use cases, on real PostgreSQL: the import
writes a new issuer whose projection is its events' replay, nothing at all when it is refused
or interrupted, and the export reads back as the same cap table."""

from __future__ import annotations

import hashlib
import io
import json
import re
import zipfile
from decimal import Decimal
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncConnection, AsyncSession, async_sessionmaker

from adapters.persistence.captable.unit_of_work import CONSTRAINT_FIELDS, CaptableUnitOfWork
from domain.shared.actor import Actor
from domain.shared.errors import PermissionDenied
from infrastructure.captable.ocf.codec import OcfZipCodec
from tests.support.clock import FixedClock
from tests.support.ocf import acme_package, bomb_member, zip_of
from usecases.captable.events.rebuild_cap_table import RebuildCapTable, RebuildCapTableHandler
from usecases.captable.ocf.export_ocf_package import ExportOcfPackage, ExportOcfPackageHandler
from usecases.captable.ocf.import_ocf_package import (
    ImportOcfPackage,
    ImportOcfPackageHandler,
    OcfImported,
)
from usecases.captable.ocf.ports import OcfCompressionRatio, OcfLimits, OcfObjectRefused

ADMIN = Actor.system("ocf-test")
CLOCK = FixedClock()
LIMITS = OcfLimits()
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


class Bytes:
    """An upload held in memory."""

    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    async def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


def uow(factory: async_sessionmaker[AsyncSession]) -> CaptableUnitOfWork:
    return CaptableUnitOfWork(factory, constraint_fields=CONSTRAINT_FIELDS, clock=CLOCK)


async def import_(
    factory: async_sessionmaker[AsyncSession], data: bytes, **kwargs: Any
) -> OcfImported:
    handler = ImportOcfPackageHandler(uow(factory), OcfZipCodec(LIMITS), LIMITS, CLOCK)
    command = ImportOcfPackage(
        actor=kwargs.pop("actor", ADMIN), file=Bytes(data), filename="acme.ocf.zip", **kwargs
    )
    return await handler.execute(command)


async def export(factory: async_sessionmaker[AsyncSession], issuer_id: UUID) -> bytes:
    handler = ExportOcfPackageHandler(uow(factory), OcfZipCodec(LIMITS), CLOCK)
    return (await handler.execute(ExportOcfPackage(actor=ADMIN, issuer_id=issuer_id))).data


async def holdings(connection: AsyncConnection, issuer_id: UUID) -> dict[tuple[str, str], Decimal]:
    rows = await connection.execute(
        text(
            "SELECT s.legal_name, c.name, h.quantity FROM captable_holdings h"
            " JOIN captable_stakeholders s ON s.id = h.stakeholder_id"
            " JOIN captable_share_classes c ON c.id = h.stock_class_id"
            " WHERE h.issuer_id = :issuer"
        ),
        {"issuer": issuer_id},
    )
    return {(name, klass): quantity for name, klass, quantity in rows}


async def issuer_count(connection: AsyncConnection) -> int:
    found = await connection.execute(text("SELECT count(*) FROM captable_issuers"))
    return int(found.scalar_one())


def objects_modulo_ids(package: bytes) -> list[Any]:
    """Every object of the package with each generated id replaced by the order it first
    appears in, and the generation time left out."""
    with zipfile.ZipFile(io.BytesIO(package)) as archive:
        manifest = json.loads(archive.read("Manifest.ocf.json"))
        names = sorted(n for n in archive.namelist() if n != "Manifest.ocf.json")
        files = [json.loads(archive.read(name)) for name in names]
    manifest.pop("generated_at")
    for entry in manifest:
        if entry.endswith("_files"):
            manifest[entry] = [f["filepath"] for f in manifest[entry]]  # md5s follow the ids
    seen: dict[str, str] = {}
    text_ = json.dumps([manifest, files])
    return json.loads(
        UUID_TEXT.sub(lambda m: seen.setdefault(m.group(0), f"id-{len(seen)}"), text_)
    )


async def test_the_acme_package_imports_as_a_new_issuer_with_the_holdings_it_describes(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    done = await import_(session_factory, acme_package())

    assert await holdings(connection, done.issuer.id) == {
        ("Person X", "Common Stock"): Decimal(1840),
        ("Person Y", "Common Stock"): Decimal(9600),
        ("XYZ Holdings Fund IV", "Common Stock"): Decimal(20),
        ("XYZ Holdings Fund III", "Common Stock"): Decimal(2),
        ("XYZ Holdings Fund III", "Series Seed Preferred"): Decimal(999),
    }
    # 3 issuances, cancel, repurchase, transfer, conversion, split, a class's and the issuer's
    # authorized-shares adjustments
    assert done.events == 10
    assert done.issuer.authorized_shares == Decimal(10_000_000)
    stored = await connection.execute(
        text("SELECT authorized_shares FROM captable_issuers WHERE id = :id"),
        {"id": done.issuer.id},
    )
    assert stored.scalar_one() == Decimal(10_000_000)
    assert done.report.not_imported["TX_WARRANT_ISSUANCE"] == 1
    rebuilt = await RebuildCapTableHandler(uow(session_factory)).execute(
        RebuildCapTable(actor=ADMIN, issuer_id=done.issuer.id)
    )
    assert rebuilt.differences == ()
    audit = await connection.execute(
        text("SELECT count(*) FROM audit_log WHERE action = 'captable.import_ocf_package'")
    )
    assert audit.scalar_one() == 1


async def test_export_then_import_into_a_new_issuer_gives_the_same_cap_table(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    first = await import_(session_factory, acme_package())
    exported = await export(session_factory, first.issuer.id)

    second = await import_(session_factory, exported)
    again = await export(session_factory, second.issuer.id)

    assert second.issuer.id != first.issuer.id
    assert await holdings(connection, second.issuer.id) == await holdings(
        connection, first.issuer.id
    )
    assert objects_modulo_ids(again) == objects_modulo_ids(exported)
    assert second.report.not_imported == {}


async def test_a_refused_package_writes_nothing(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    before = await issuer_count(connection)
    bomb = zip_of({"Manifest.ocf.json": bomb_member(64 * 1024 * 1024)})

    with pytest.raises(OcfCompressionRatio):
        await import_(session_factory, bomb)

    assert await issuer_count(connection) == before


async def test_an_import_that_fails_half_way_through_leaves_nothing_half_written(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    before = await issuer_count(connection)

    def interrupt(stage: str, done: int, total: int) -> None:
        if stage == "writing" and done == total:  # the issuer and its history are written
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        await import_(session_factory, acme_package(), progress=interrupt)

    assert await issuer_count(connection) == before
    events = await connection.execute(text("SELECT count(*) FROM captable_events"))
    assert events.scalar_one() == 0


async def test_only_a_platform_admin_imports(
    session_factory: async_sessionmaker[AsyncSession],
) -> None:
    company_admin = Actor(kind="user", permissions=frozenset({"captable:read"}))
    with pytest.raises(PermissionDenied):
        await import_(session_factory, acme_package(), actor=company_admin)


async def test_a_transaction_the_cap_table_refuses_names_the_object(
    session_factory: async_sessionmaker[AsyncSession], connection: AsyncConnection
) -> None:
    package = zipfile.ZipFile(io.BytesIO(acme_package()))
    members = {n: package.read(n) for n in package.namelist()}
    transactions = json.loads(members["Transactions.ocf.json"])
    issuance = transactions["items"][0]
    issuance["quantity"] = "2000000000"  # over the 1,000,000,000 Common authorized
    members["Transactions.ocf.json"] = json.dumps(transactions).encode()
    manifest = json.loads(members["Manifest.ocf.json"])
    manifest["transactions_files"][0]["md5"] = hashlib.md5(
        members["Transactions.ocf.json"], usedforsecurity=False
    ).hexdigest()
    members["Manifest.ocf.json"] = json.dumps(manifest).encode()

    with pytest.raises(OcfObjectRefused) as refused:
        await import_(session_factory, zip_of(members))

    assert refused.value.object_id == "test-stock-issuance-minimal"
    assert refused.value.path == "$.quantity"
    assert refused.value.reason_code == "exceeds_authorized_shares"
