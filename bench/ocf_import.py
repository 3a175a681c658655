"""OCF import throughput: events/s importing one issuer with 10,000 stakeholders and 100,000
events through ``ImportOcfPackageHandler`` (as ``POST /api/v1/captable/ocf/imports`` and
``meridian captable import`` run it), then the export of the same issuer.

    .venv/bin/python bench/ocf_import.py --stakeholders 10000 --events 100000

The package is generated first (not timed): one common class, one issuance of 1,000 shares to
each stakeholder, then transfers of a whole certificate from a random holder to another
stakeholder until there are ``--events`` events (each transfer is a ``TX_STOCK_TRANSFER`` and
the ``TX_STOCK_ISSUANCE`` of its resulting security, as OCF writes it), 50 events a day in
order. Timed: the whole import, and within it reading and validating the package
against the schema; the mapping to the cap table is timed again on its own (the same function
on the same package, outside the handler), so writing is the rest; then the export (read, map,
validate, zip). Uses DATABASE_URL's server with a scratch database it drops at the end.
"""

from __future__ import annotations

import argparse
import asyncio
import hashlib
import io
import json
import os
import random
import sys
import time
import zipfile
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from domain.shared.actor import Actor  # noqa: E402
from infrastructure.captable.ocf.codec import read_validated  # noqa: E402
from infrastructure.config.settings import Settings  # noqa: E402
from infrastructure.container import build_container  # noqa: E402
from infrastructure.database import migrations  # noqa: E402
from infrastructure.wiring import build_registry  # noqa: E402
from tests.support.databases import drop_database, recreate_database  # noqa: E402
from usecases.captable.ocf.export_ocf_package import (  # noqa: E402
    ExportOcfPackage,
    ExportOcfPackageHandler,
)
from usecases.captable.ocf.import_ocf_package import (  # noqa: E402
    ImportOcfPackage,
    ImportOcfPackageHandler,
)
from usecases.captable.ocf.ports import OcfLimits  # noqa: E402
from usecases.captable.ocf.to_cap_table import cap_table_of  # noqa: E402

DB = "meridian_bench_ocf"
COMMON = "common-stock"


def package(stakeholders: int, events: int, seed: int = 7) -> tuple[bytes, int]:
    """The .ocf.zip and the number of objects in it."""
    rng = random.Random(seed)
    start = date(2010, 1, 1)
    people = [
        {
            "object_type": "STAKEHOLDER",
            "id": f"sh-{n}",
            "name": {"legal_name": f"Holder {n}"},
            "stakeholder_type": "INDIVIDUAL",
        }
        for n in range(stakeholders)
    ]
    classes = [
        {
            "object_type": "STOCK_CLASS",
            "id": COMMON,
            "name": "Common Stock",
            "class_type": "COMMON",
            "default_id_prefix": "CS-",
            "initial_shares_authorized": "1000000000",
            "votes_per_share": "1",
            "seniority": "1",
            "price_per_share": {"amount": "0.01", "currency": "USD"},
        }
    ]
    items: list[dict[str, Any]] = []
    held: list[tuple[str, int]] = []  # (security id, stakeholder) outstanding

    def day(n: int) -> str:
        return (start + timedelta(days=n // 50)).isoformat()

    def issuance(object_id: str, security: str, holder: int, n: int) -> dict[str, Any]:
        return {
            "object_type": "TX_STOCK_ISSUANCE",
            "id": object_id,
            "security_id": security,
            "custom_id": security,
            "date": day(n),
            "stakeholder_id": f"sh-{holder}",
            "stock_class_id": COMMON,
            "quantity": "1000",
            "share_price": {"amount": "0.01", "currency": "USD"},
            "security_law_exemptions": [],
            "stock_legend_ids": [],
        }

    for n in range(min(stakeholders, events)):
        items.append(issuance(f"iss-{n}", f"sec-{n}", n, n))
        held.append((f"sec-{n}", n))
    for n in range(len(items), events):
        pick = rng.randrange(len(held))
        security, seller = held[pick]
        buyer = rng.randrange(stakeholders - 1)
        buyer += buyer >= seller
        result = f"sec-{n}"
        items.append(
            {
                "object_type": "TX_STOCK_TRANSFER",
                "id": f"tr-{n}",
                "security_id": security,
                "date": day(n),
                "quantity": "1000",
                "resulting_security_ids": [result],
            }
        )
        items.append(issuance(f"iss-{n}", result, buyer, n))
        held[pick] = (result, buyer)
    files = {
        "Stakeholders.ocf.json": {"file_type": "OCF_STAKEHOLDERS_FILE", "items": people},
        "StockClasses.ocf.json": {"file_type": "OCF_STOCK_CLASSES_FILE", "items": classes},
        "Transactions.ocf.json": {"file_type": "OCF_TRANSACTIONS_FILE", "items": items},
    }
    bodies = {name: json.dumps(doc, indent=2).encode() for name, doc in files.items()}

    def listed(name: str) -> list[dict[str, str]]:
        md5 = hashlib.md5(bodies[name], usedforsecurity=False).hexdigest()
        return [{"filepath": f"./{name}", "md5": md5}]

    manifest = {
        "ocf_version": "1.2.1-alpha+main",
        "file_type": "OCF_MANIFEST_FILE",
        "issuer": {
            "object_type": "ISSUER",
            "id": "bench-issuer",
            "legal_name": "Bench Holdings",
            "formation_date": "2009-12-01",
            "country_of_formation": "US",
            "country_subdivision_of_formation": "DE",
        },
        "as_of": day(events),
        "generated_at": "2026-12-01T00:00:00+00:00",
        "stakeholders_files": listed("Stakeholders.ocf.json"),
        "stock_classes_files": listed("StockClasses.ocf.json"),
        "transactions_files": listed("Transactions.ocf.json"),
        "stock_plans_files": [],
        "stock_legend_templates_files": [],
        "vesting_terms_files": [],
        "valuations_files": [],
    }
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("Manifest.ocf.json", json.dumps(manifest, indent=2))
        for name, body in bodies.items():
            archive.writestr(name, body)
    return out.getvalue(), len(people) + len(classes) + len(items)


class Bytes:
    def __init__(self, data: bytes) -> None:
        self._stream = io.BytesIO(data)

    async def read(self, size: int = -1) -> bytes:
        return self._stream.read(size)


async def run(url: str, data: bytes) -> dict[str, float]:
    settings = Settings(_env_file=None, database_url=url, redis_url=None)
    container = build_container(settings, url)
    stages: dict[str, float] = {}
    marks: dict[str, float] = {}

    def tell(stage: str, done: int, total: int) -> None:
        now = time.perf_counter()
        if stage == "reading" and done == 0:
            marks["read_start"] = now
        elif stage == "reading" and done == total:
            marks["read_end"] = now
        elif stage == "writing" and "write_first" not in marks:
            marks["write_first"] = now
        if stage == "writing" and done == total:
            marks["write_end"] = now

    try:
        registry = build_registry(container)
        begin = time.perf_counter()
        done = await registry.resolve(ImportOcfPackageHandler).execute(
            ImportOcfPackage(
                actor=Actor.system("bench"),
                file=Bytes(data),
                filename="bench.ocf.zip",
                progress=tell,
            )
        )
        end = time.perf_counter()
        stages["events"] = done.events
        stages["import_s"] = end - begin
        stages["read_validate_s"] = marks["read_end"] - marks["read_start"]
        stages["map_and_write_s"] = end - marks["read_end"]
        package_ = read_validated(data, filename="bench.ocf.zip", limits=OcfLimits())
        begin = time.perf_counter()
        cap_table_of(package_, now=container.clock.now(), by=None)
        stages["map_s"] = time.perf_counter() - begin
        begin = time.perf_counter()
        exported = await registry.resolve(ExportOcfPackageHandler).execute(
            ExportOcfPackage(actor=Actor.system("bench"), issuer_id=done.issuer.id)
        )
        stages["export_s"] = time.perf_counter() - begin
        stages["export_bytes"] = len(exported.data)
    finally:
        await container.aclose()
    return stages


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--stakeholders", type=int, default=10_000)
    parser.add_argument("--events", type=int, default=100_000)
    args = parser.parse_args()
    base = os.environ.get("DATABASE_URL", "postgresql://postgres@127.0.0.1:5432/postgres")
    began = time.perf_counter()
    data, objects = package(args.stakeholders, args.events)
    print(
        f"package: {args.stakeholders} stakeholders, {args.events} events, {objects} objects, "
        f"{len(data) / 1e6:.1f} MB zipped (built in {time.perf_counter() - began:.1f} s)"
    )
    url = await recreate_database(base, DB)
    try:
        await asyncio.to_thread(migrations.upgrade, url)
        stages = await run(url, data)
    finally:
        await drop_database(base, DB)
    events = stages["events"]
    print(
        f"import: {events:.0f} events in {stages['import_s']:.1f} s = "
        f"{events / stages['import_s']:.0f} events/s"
    )
    print(
        f"  read and validate: {stages['read_validate_s']:.1f} s "
        f"({objects / stages['read_validate_s']:.0f} objects/s)"
    )
    write = stages["map_and_write_s"] - stages["map_s"]
    print(
        f"  map to the cap table: {stages['map_s']:.1f} s ({events / stages['map_s']:.0f} events/s)"
    )
    print(f"  write (one transaction): {write:.1f} s ({events / write:.0f} events/s)")
    print(f"export: {stages['export_s']:.1f} s, {stages['export_bytes'] / 1e6:.1f} MB")


if __name__ == "__main__":
    asyncio.run(main())
