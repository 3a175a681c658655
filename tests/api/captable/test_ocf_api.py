"""OCF over HTTP: a platform admin uploads a package and gets a new issuer with a report of
what was imported and what was not; a hostile or invalid upload is a clear 4xx naming the
problem, with nothing written; whoever reads an issuer downloads it as a valid .ocf.zip, which
imports back as the same cap table."""

from __future__ import annotations

import io
import json
import uuid
import zipfile
from decimal import Decimal

import httpx

from tests.api.captable.conftest import API, CapTable
from tests.support.accounts import Account, assert_problem
from tests.support.ocf import acme_package, bomb_member, manifest_for, sample, zip_of

IMPORTS = f"{API}/ocf/imports"


async def upload(
    captable: CapTable,
    data: bytes,
    who: Account,
    name: str = "acme.ocf.zip",
    *,
    key: str | None = None,
) -> httpx.Response:
    headers = who.headers | {"Idempotency-Key": key or str(uuid.uuid4())}
    return await captable.client.post(
        IMPORTS, headers=headers, files={"file": (name, data, "application/zip")}
    )


async def holders(captable: CapTable, issuer_id: str, who: Account) -> dict[str, Decimal]:
    found = await captable.get(f"{API}/issuers/{issuer_id}/holders", who, limit=200)
    assert found.status_code == 200, found.text
    return {r["legal_name"]: Decimal(r["outstanding"]) for r in found.json()["items"]}


async def issuer_count(captable: CapTable, who: Account) -> int:
    listed = await captable.get(f"{API}/issuers", who, limit=200)
    return len(listed.json()["items"])


async def test_an_upload_becomes_a_new_issuer_with_a_report(captable: CapTable) -> None:
    root = await captable.root()

    response = await upload(captable, acme_package(), root)

    assert response.status_code == 201, response.text
    report = response.json()
    assert report["legal_name"] == "ACME Industries"
    assert report["imported"]["STAKEHOLDER"] == 4
    assert report["not_imported"] == {
        "CE_STAKEHOLDER_STATUS": 1,
        "TX_WARRANT_ISSUANCE": 1,
        "VALUATION": 1,
        "VESTING_TERMS": 5,
    }
    assert await holders(captable, report["issuer_id"], root) == {
        "Person X": Decimal(1840),
        "Person Y": Decimal(9600),
        "XYZ Holdings Fund III": Decimal(1001),  # 2 common + 999 preferred
        "XYZ Holdings Fund IV": Decimal(20),
    }


async def test_the_export_is_a_valid_package_that_imports_back_the_same(
    captable: CapTable,
) -> None:
    root = await captable.root()
    first = (await upload(captable, acme_package(), root)).json()

    exported = await captable.get(f"{API}/issuers/{first['issuer_id']}/ocf", root)

    assert exported.status_code == 200, exported.text
    assert exported.headers["content-type"] == "application/zip"
    assert "ACME-Industries.ocf.zip" in exported.headers["content-disposition"]
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        assert sorted(archive.namelist()) == [
            "Manifest.ocf.json",
            "Stakeholders.ocf.json",
            "StockClasses.ocf.json",
            "StockLegends.ocf.json",
            "StockPlans.ocf.json",
            "Transactions.ocf.json",
        ]
    second = await upload(captable, exported.content, root, "ACME-Industries.ocf.zip")
    assert second.status_code == 201, second.text
    assert second.json()["not_imported"] == {}
    assert await holders(captable, second.json()["issuer_id"], root) == await holders(
        captable, first["issuer_id"], root
    )


async def test_a_company_admin_exports_their_issuer_but_imports_nothing(
    captable: CapTable,
) -> None:
    acme = await captable.issuer()
    other = await captable.issuer("Other Co")

    mine = await captable.get(f"{acme.path}/ocf", acme.admin)
    theirs = await captable.get(f"{other.path}/ocf", acme.admin)
    refused = await upload(captable, acme_package(), acme.admin)

    assert mine.status_code == 200, mine.text
    assert_problem(theirs, 404, "issuer_not_found")
    assert_problem(refused, 403, "permission_denied")


async def test_a_zip_bomb_is_refused_with_413_and_nothing_written(captable: CapTable) -> None:
    root = await captable.root()
    before = await issuer_count(captable, root)
    bomb = zip_of({"Manifest.ocf.json": bomb_member(100 * 1024 * 1024)})

    response = await upload(captable, bomb, root)

    problem = assert_problem(response, 413, "ocf_compression_ratio")
    assert problem["errors"][0]["field"] == "body.file"
    assert await issuer_count(captable, root) == before


async def test_a_traversal_name_is_refused(captable: CapTable) -> None:
    root = await captable.root()
    response = await upload(captable, zip_of({"../../etc/cron.d/x": b"{}"}), root)
    problem = assert_problem(response, 422, "ocf_unsafe_member_name")
    assert "../../etc/cron.d/x" in problem["detail"]


async def test_an_upload_over_the_size_limit_is_refused(captable: CapTable) -> None:
    root = await captable.root()
    response = await upload(captable, b"{" + b" " * (33 * 1024 * 1024) + b"}", root, "big.json")
    assert response.status_code == 413, response.text
    assert response.headers["content-type"] == "application/problem+json"


async def test_a_schema_invalid_object_is_named_by_id_and_path(captable: CapTable) -> None:
    root = await captable.root()
    stakeholders = sample("Stakeholders.ocf.json")
    stakeholders["items"][2]["stakeholder_type"] = "ROBOT"
    files = {"Stakeholders.ocf.json": json.dumps(stakeholders).encode()}

    response = await upload(
        captable, zip_of({"Manifest.ocf.json": manifest_for(files), **files}), root
    )

    problem = assert_problem(response, 422, "ocf_object_invalid")
    assert "'stakeholder-sample-minimal-fields'" in problem["detail"]
    assert "$.stakeholder_type" in problem["detail"]


async def test_an_md5_mismatch_is_refused(captable: CapTable) -> None:
    root = await captable.root()
    files = {"Stakeholders.ocf.json": json.dumps(sample("Stakeholders.ocf.json")).encode()}
    manifest = json.loads(manifest_for(files))
    manifest["stakeholders_files"][0]["md5"] = "0" * 32
    package = zip_of({"Manifest.ocf.json": json.dumps(manifest).encode(), **files})

    response = await upload(captable, package, root)

    assert_problem(response, 422, "ocf_md5_mismatch")


async def test_a_cap_table_kept_here_exports_and_imports_back_the_same(
    captable: CapTable,
) -> None:
    root = await captable.root()
    acme = await captable.issuer("Kept Here, Inc.")
    common = await captable.share_class(acme, authorized="100000")
    await captable.share_class(acme, "PA", class_type="preferred", conversion_ratio="2")
    for name in ("Alice", "Bob"):
        await captable.stakeholder(acme, name)
    alice = await captable.issue(acme, "Alice", "1000")
    bob = await captable.issue(acme, "Bob", "500", prefix="PA")
    events = [
        ("cancellations", {"security_id": alice["id"], "quantity": "100", "reason_text": "x"}),
        ("conversions", {"security_id": bob["id"], "quantity_converted": "200",
                         "to_stock_class_id": common}),
        ("splits", {"stock_class_id": common, "split_ratio_numerator": "3",
                    "split_ratio_denominator": "2"}),
    ]  # fmt: skip
    for n, (kind, body) in enumerate(events):
        done = await captable.event(acme, kind, {**body, "date": f"2026-0{n + 2}-01"})
        assert done.status_code == 201, done.text

    exported = await captable.get(f"{acme.path}/ocf", acme.admin)
    assert exported.status_code == 200, exported.text
    again = await upload(captable, exported.content, root)

    assert again.status_code == 201, again.text
    assert again.json()["events"] == 5
    assert await holders(captable, again.json()["issuer_id"], root) == await holders(
        captable, acme.id, root
    )
    assert await holders(captable, acme.id, root) == {
        "Alice": Decimal(1350),  # (1000 - 100) x 3/2
        "Bob": Decimal(900),  # 300 preferred + 200 x 2 common x 3/2
    }


async def test_an_issuance_at_a_hundredth_of_a_cent_imports_and_exports_at_that_price(
    captable: CapTable,
) -> None:
    root = await captable.root()
    package = acme_package(Transactions={'"amount": "1.00"': '"amount": "0.0001"'})

    response = await upload(captable, package, root)

    assert response.status_code == 201, response.text
    issuer_id = response.json()["issuer_id"]
    events = await captable.get(f"{API}/issuers/{issuer_id}/events", root, limit=200)
    prices = {e["share_price"] for e in events.json()["items"] if e["kind"] == "issuance"}
    assert prices == {"0.0001"}
    exported = await captable.get(f"{API}/issuers/{issuer_id}/ocf", root)
    with zipfile.ZipFile(io.BytesIO(exported.content)) as archive:
        transactions = json.loads(archive.read("Transactions.ocf.json"))["items"]
    shown = {
        t["share_price"]["amount"]
        for t in transactions
        if t["object_type"] == "TX_STOCK_ISSUANCE"
        and t["security_id"]
        in {
            e["resulting_securities"][0]["id"]
            for e in events.json()["items"]
            if e["kind"] == "issuance"
        }
    }
    assert shown == {"0.0001"}


async def test_the_packages_legends_and_plan_are_imported_and_counted(captable: CapTable) -> None:
    root = await captable.root()
    report = (await upload(captable, acme_package(), root)).json()
    issuer = f"{API}/issuers/{report['issuer_id']}"

    assert (report["imported"]["STOCK_LEGEND_TEMPLATE"], report["imported"]["STOCK_PLAN"]) == (1, 1)
    legends = (await captable.get(f"{issuer}/stock-legends", root)).json()["items"]
    assert [legend["name"] for legend in legends] == ["1933 Act Legend"]
    plans = (await captable.get(f"{issuer}/stock-plans", root)).json()["items"]
    assert [(p["plan_name"], p["initial_shares_reserved"]) for p in plans] == [
        ("2021 Stock Incentive Plan", "10000000")
    ]
    certificates = (await captable.get(f"{issuer}/securities", root, limit=200)).json()["items"]
    assert any(c["stock_legend_ids"] == [legends[0]["id"]] for c in certificates)
    summary = (await captable.get(f"{issuer}/summary", root)).json()
    assert summary["plan_reserved"] == "10000000"


async def test_a_retried_upload_answers_the_first_import_and_another_package_is_refused(
    captable: CapTable,
) -> None:
    root = await captable.root()
    key = str(uuid.uuid4())
    before = await issuer_count(captable, root)

    first = await upload(captable, acme_package(), root, key=key)
    # the retry is a new multipart body (another boundary, another filename), the same package
    again = await upload(captable, acme_package(), root, "retry.ocf.zip", key=key)

    assert first.status_code == 201, first.text
    assert "Idempotent-Replayed" not in first.headers
    assert again.status_code == 201, again.text
    assert again.headers["Idempotent-Replayed"] == "true"
    assert again.json() == first.json()
    assert await issuer_count(captable, root) == before + 1
    other = acme_package(Transactions={'"amount": "1.00"': '"amount": "2.00"'})
    reused = await upload(captable, other, root, key=key)
    assert_problem(reused, 422, "idempotency_key_reused")
    assert await issuer_count(captable, root) == before + 1
    missing = await captable.client.post(
        IMPORTS, headers=root.headers, files={"file": ("a.zip", acme_package(), "application/zip")}
    )
    assert_problem(missing, 400, "idempotency_key_required")
    assert await issuer_count(captable, root) == before + 1
