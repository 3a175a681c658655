"""Reading an OCF package safely: what a hostile or broken upload is refused with, and that the
vendored samples read whole."""

from __future__ import annotations

import io
import json
import stat
import zipfile
from collections import Counter

import pytest

from infrastructure.captable.ocf.codec import read_validated
from infrastructure.captable.ocf.package_reader import read_package
from tests.support.ocf import (
    bomb_member,
    manifest_for,
    sample,
    sample_bytes,
    sample_package,
    zip_of,
)
from usecases.captable.ocf.ports import (
    OcfLimits,
    OcfObjectInvalid,
    OcfPackageInvalid,
    OcfPackageTooLarge,
)

LIMITS = OcfLimits()


def read(data: bytes, limits: OcfLimits = LIMITS) -> object:
    return read_validated(data, filename="upload.ocf.zip", limits=limits)


def test_the_samples_read_whole_with_every_object_in_order() -> None:
    package = read_validated(sample_package(), filename="acme.ocf.zip", limits=LIMITS)

    assert package.issuer["legal_name"] == "ACME Industries"
    kinds = Counter(item["object_type"] for item in package.objects())
    assert kinds["STAKEHOLDER"] == 4
    assert kinds["STOCK_CLASS"] == 2
    assert kinds["TX_STOCK_ISSUANCE"] == 4
    transactions = next(f for f in package.files if f.file_type == "OCF_TRANSACTIONS_FILE")
    assert [i["id"] for i in transactions.items] == [
        i["id"] for i in sample("Transactions.ocf.json")["items"]
    ]


def test_a_zip_bomb_is_refused_by_its_ratio_before_it_is_expanded() -> None:
    bomb = zip_of({"Manifest.ocf.json": bomb_member(200 * 1024 * 1024)})
    assert len(bomb) < 300 * 1024

    with pytest.raises(OcfPackageTooLarge) as refused:
        read(bomb)

    assert refused.value.error_code == "ocf_compression_ratio"
    assert "Manifest.ocf.json" in refused.value.detail


def _lie_about_size(data: bytes, declared: int) -> bytes:
    """The archive with every declared expanded size (local header and central directory)
    replaced by ``declared``."""
    raw = bytearray(data)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
    for info in infos:
        local = info.header_offset
        raw[local + 22 : local + 26] = declared.to_bytes(4, "little")
    central = raw.rfind(b"PK\x01\x02")
    while central != -1:
        raw[central + 24 : central + 28] = declared.to_bytes(4, "little")
        central = raw.rfind(b"PK\x01\x02", 0, central)
    return bytes(raw)


def test_a_member_that_lies_about_its_size_is_stopped_at_the_bytes_really_read() -> None:
    honest = zip_of({"Manifest.ocf.json": bomb_member(50 * 1024 * 1024)})
    lying = _lie_about_size(honest, declared=1000)  # says 1000 bytes: under every limit

    with pytest.raises((OcfPackageInvalid, OcfPackageTooLarge)) as refused:
        read(lying)

    # Never expanded past what it declared: the stream ends there and fails its checksum.
    assert refused.value.error_code in {"ocf_malformed_zip", "ocf_compression_ratio"}
    assert "Manifest.ocf.json" in refused.value.detail


def test_the_total_expanded_size_has_a_limit_across_members() -> None:
    members = {f"part-{n}.json": bomb_member(600 * 1024) for n in range(4)}
    limits = OcfLimits(max_expanded_bytes=2 * 1024 * 1024)

    with pytest.raises(OcfPackageTooLarge) as refused:
        read(zip_of(members), limits)

    assert refused.value.error_code == "ocf_expanded_too_large"


@pytest.mark.parametrize(
    "name", ["../Stakeholders.ocf.json", "a/../../etc/passwd", "/etc/passwd", "C:/x.json", "a\\b"]
)
def test_a_traversing_or_absolute_member_name_is_refused(name: str) -> None:
    with pytest.raises(OcfPackageInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": b"{}", name: b"{}"}))

    assert refused.value.error_code == "ocf_unsafe_member_name"
    assert repr(name) in refused.value.detail


def test_a_package_over_the_size_limit_is_refused_unread() -> None:
    package = sample_package()
    limits = OcfLimits(max_package_bytes=len(package) - 1)

    with pytest.raises(OcfPackageTooLarge) as refused:
        read(package, limits)

    assert refused.value.error_code == "ocf_package_too_large"
    assert str(len(package)) in refused.value.detail


def test_too_many_members_are_refused() -> None:
    members = {f"m{n}.json": b"{}" for n in range(6)}
    with pytest.raises(OcfPackageTooLarge) as refused:
        read(zip_of(members), OcfLimits(max_members=5))
    assert refused.value.error_code == "ocf_too_many_members"


def test_a_symlink_member_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        link = zipfile.ZipInfo("Stakeholders.ocf.json")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16
        archive.writestr(link, "/etc/passwd")
    with pytest.raises(OcfPackageInvalid) as refused:
        read(out.getvalue())
    assert refused.value.error_code == "ocf_symlink_member"


def test_a_duplicate_member_name_is_refused() -> None:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("Manifest.ocf.json", "{}")
        with pytest.warns(UserWarning, match="Duplicate name"):
            archive.writestr("Manifest.ocf.json", "{}")
    with pytest.raises(OcfPackageInvalid) as refused:
        read(out.getvalue())
    assert refused.value.error_code == "ocf_duplicate_member"


def test_malformed_json_is_refused_naming_the_member_and_the_place() -> None:
    files = {"Stakeholders.ocf.json": sample_bytes("Stakeholders.ocf.json")}
    broken = {"Stakeholders.ocf.json": b'{"file_type": "OCF_STAKEHOLDERS_FILE", "items": [}'}
    with pytest.raises(OcfPackageInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": manifest_for(files), **broken}))
    assert refused.value.error_code == "ocf_malformed_json"
    assert "Stakeholders.ocf.json" in refused.value.detail
    assert "line 1, column" in refused.value.detail


def test_a_file_whose_md5_differs_from_the_manifest_is_refused() -> None:
    files = {"Stakeholders.ocf.json": sample_bytes("Stakeholders.ocf.json")}
    manifest = json.loads(manifest_for(files))
    manifest["stakeholders_files"][0]["md5"] = "12c14ee9ac8e71a120cee15d075ecea6"  # the sample's

    with pytest.raises(OcfPackageInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": json.dumps(manifest).encode(), **files}))

    assert refused.value.error_code == "ocf_md5_mismatch"
    assert "Stakeholders.ocf.json" in refused.value.detail


def test_a_listed_file_missing_from_the_package_is_refused() -> None:
    files = {"Stakeholders.ocf.json": sample_bytes("Stakeholders.ocf.json")}
    with pytest.raises(OcfPackageInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": manifest_for(files)}))
    assert refused.value.error_code == "ocf_missing_file"


def test_a_member_the_manifest_does_not_list_is_refused_not_ignored() -> None:
    with pytest.raises(OcfPackageInvalid) as refused:
        read(sample_package(notes=b"{}"))
    assert refused.value.error_code == "ocf_unlisted_file"
    assert "notes" in refused.value.detail


def test_a_schema_invalid_object_is_named_by_its_id_and_the_path_of_the_value() -> None:
    transactions = sample("Transactions.ocf.json")
    issuance = next(i for i in transactions["items"] if i["id"] == "test-stock-issuance-minimal")
    issuance["share_price"]["amount"] = "one dollar"
    files = {"Transactions.ocf.json": json.dumps(transactions).encode()}

    with pytest.raises(OcfObjectInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": manifest_for(files), **files}))

    error = refused.value
    assert error.object_id == "test-stock-issuance-minimal"
    assert error.path == "$.share_price.amount"
    assert "'test-stock-issuance-minimal'" in error.detail
    assert "$.share_price.amount" in error.detail
    assert error.errors[0].field == "file"


def test_an_invalid_issuer_in_the_manifest_is_named_by_the_issuer_id() -> None:
    manifest = sample("Manifest.ocf.json")
    manifest["issuer"]["formation_date"] = "the first of January"
    manifest = {**manifest, **{k: [] for k in manifest if k.endswith("_files")}}

    with pytest.raises(OcfObjectInvalid) as refused:
        read_validated(json.dumps(manifest).encode(), filename="acme.json", limits=LIMITS)

    assert refused.value.object_id == "d3373e0a-4dd9-430f-8a56-3281f2800ede"
    assert refused.value.path == "$.formation_date"


def test_an_unknown_object_type_is_refused_by_the_schema_step() -> None:
    files = {
        "Stakeholders.ocf.json": json.dumps(
            {"file_type": "OCF_STAKEHOLDERS_FILE", "items": [{"id": "x", "object_type": "PET"}]}
        ).encode()
    }
    with pytest.raises(OcfObjectInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": manifest_for(files), **files}))
    assert refused.value.object_id == "x"
    assert refused.value.path == "$.object_type"


def test_two_objects_with_the_same_id_are_refused() -> None:
    stakeholders = sample("Stakeholders.ocf.json")
    stakeholders["items"][1]["id"] = stakeholders["items"][0]["id"]
    files = {"Stakeholders.ocf.json": json.dumps(stakeholders).encode()}
    with pytest.raises(OcfObjectInvalid) as refused:
        read(zip_of({"Manifest.ocf.json": manifest_for(files), **files}))
    assert refused.value.path == "$.id"


def test_a_single_json_file_is_a_manifest_or_an_array_of_files() -> None:
    manifest = json.loads(manifest_for({}))
    alone = read_validated(json.dumps(manifest).encode(), filename="m.json", limits=LIMITS)
    assert alone.issuer["legal_name"] == "ACME Industries"
    assert alone.files == ()

    stakeholders = sample("Stakeholders.ocf.json")
    bundle = json.dumps([manifest, stakeholders]).encode()
    package = read_validated(bundle, filename="acme.json", limits=LIMITS)
    assert [i["id"] for i in package.objects()] == [i["id"] for i in stakeholders["items"]]


def test_a_single_json_manifest_that_lists_files_is_refused() -> None:
    with pytest.raises(OcfPackageInvalid) as refused:
        read_package(sample_bytes("Manifest.ocf.json"), filename="m.json", limits=LIMITS)
    assert refused.value.error_code == "ocf_missing_file"


def test_something_that_is_neither_zip_nor_json_is_refused() -> None:
    with pytest.raises(OcfPackageInvalid) as refused:
        read(b"%PDF-1.7 not a package")
    assert refused.value.error_code == "ocf_not_a_package"
