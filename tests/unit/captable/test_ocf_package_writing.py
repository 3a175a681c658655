"""Writing an .ocf.zip: what it holds, that it reads back whole, that it never writes an
object the schema refuses."""

from __future__ import annotations

import io
import json
import zipfile

import pytest

from infrastructure.captable.ocf.codec import read_validated
from infrastructure.captable.ocf.package_writer import write_package
from tests.support.ocf import md5, sample
from usecases.captable.ocf.ports import OcfFile, OcfLimits, OcfObjectInvalid


def _manifest() -> dict[str, object]:
    source = sample("Manifest.ocf.json")
    return {k: source[k] for k in ("issuer", "as_of", "generated_at")}


def _files() -> list[OcfFile]:
    return [
        OcfFile("Stakeholders.ocf.json", "OCF_STAKEHOLDERS_FILE",
                tuple(sample("Stakeholders.ocf.json")["items"])),
        OcfFile("StockClasses.ocf.json", "OCF_STOCK_CLASSES_FILE",
                tuple(sample("StockClasses.ocf.json")["items"])),
        OcfFile("Transactions.ocf.json", "OCF_TRANSACTIONS_FILE",
                tuple(sample("Transactions.ocf.json")["items"])),
    ]  # fmt: skip


def test_the_written_package_lists_each_file_with_its_md5_and_reads_back_whole() -> None:
    data = write_package(_manifest(), _files())

    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        manifest = json.loads(archive.read("Manifest.ocf.json"))
        for key, name in [
            ("stakeholders_files", "Stakeholders.ocf.json"),
            ("stock_classes_files", "StockClasses.ocf.json"),
            ("transactions_files", "Transactions.ocf.json"),
        ]:
            body = archive.read(name)
            assert manifest[key] == [{"filepath": f"./{name}", "md5": md5(body)}]
    assert manifest["file_type"] == "OCF_MANIFEST_FILE"
    assert manifest["ocf_version"] == "1.2.1-alpha+main"
    assert manifest["stock_plans_files"] == []  # required by OCF even when empty

    package = read_validated(data, filename="out.ocf.zip", limits=OcfLimits())
    assert package.issuer == _manifest()["issuer"]
    assert [dict(i) for i in package.objects()] == [dict(i) for f in _files() for i in f.items]


def test_the_same_objects_give_the_same_bytes() -> None:
    assert write_package(_manifest(), _files()) == write_package(_manifest(), _files())


def test_an_object_the_schema_refuses_is_never_written() -> None:
    bad = dict(sample("Stakeholders.ocf.json")["items"][0], stakeholder_type="ROBOT")
    files = [OcfFile("Stakeholders.ocf.json", "OCF_STAKEHOLDERS_FILE", (bad,))]

    with pytest.raises(OcfObjectInvalid) as refused:
        write_package(_manifest(), files)

    assert refused.value.object_id == bad["id"]
    assert refused.value.path == "$.stakeholder_type"
