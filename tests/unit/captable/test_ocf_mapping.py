"""OCF objects to a cap table and back, without a database: the holdings a package describes,
what is listed back as not imported, what is refused and how it is named, and the round trip."""

from __future__ import annotations

import copy
import json
import re
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from infrastructure.captable.ocf.codec import read_validated
from infrastructure.captable.ocf.package_writer import write_package
from tests.support.ocf import ACME, acme_package, manifest_for, sample_package, zip_of
from usecases.captable.ocf.from_cap_table import OcfExport, ocf_of
from usecases.captable.ocf.ports import OcfLimits, OcfObjectRefused
from usecases.captable.ocf.to_cap_table import ImportedCapTable, cap_table_of

NOW = datetime(2026, 6, 1, 12, tzinfo=UTC)
UUID_TEXT = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")


def imported(data: bytes) -> ImportedCapTable:
    package = read_validated(data, filename="acme.ocf.zip", limits=OcfLimits())
    return cap_table_of(package, now=NOW, by=None)


def holdings(result: ImportedCapTable) -> dict[tuple[str, str], Decimal]:
    names = {s.id: s.legal_name for s in result.stakeholders}
    classes = {c.id: c.name for c in result.share_classes}
    return {
        (names[h.stakeholder_id], classes[h.stock_class_id]): h.quantity
        for h in result.table.holdings()
    }


def acme_with(change: Any) -> bytes:
    """The ACME package with its transactions changed by ``change(items)``."""
    names = ("Stakeholders.ocf.json", "StockClasses.ocf.json", "StockLegends.ocf.json")
    files = {n: (ACME / n).read_bytes() for n in names}
    transactions = json.loads((ACME / "Transactions.ocf.json").read_bytes())
    change(transactions["items"])
    files["Transactions.ocf.json"] = json.dumps(transactions).encode()
    return zip_of({"Manifest.ocf.json": manifest_for(files), **files})


def by_id(items: list[dict[str, Any]], object_id: str) -> dict[str, Any]:
    return next(i for i in items if i["id"] == object_id)


def test_the_acme_package_gives_the_holdings_its_figures_describe() -> None:
    # From the samples' own figures: Person X is issued 1,000 common, cancels 37 and sells 33
    # back at 3.00 and transfers 10 to Fund IV; Person Y is issued 4,800; Fund III 1,000
    # Series Seed, of which 1 converts 1:1 into common; then common splits 2 for 1.
    result = imported(acme_package())

    assert holdings(result) == {
        ("Person X", "Common Stock"): Decimal(1840),  # (1000 - 37 - 33 - 10) x 2
        ("Person Y", "Common Stock"): Decimal(9600),  # 4800 x 2
        ("XYZ Holdings Fund IV", "Common Stock"): Decimal(20),  # 10 x 2
        ("XYZ Holdings Fund III", "Common Stock"): Decimal(2),  # 1 converted, x 2
        ("XYZ Holdings Fund III", "Series Seed Preferred"): Decimal(999),
    }
    authorized = {p.share_class.name: p.share_class.authorized_shares for p in result.table.classes}
    assert authorized["Series Seed Preferred"] == Decimal(9365000)  # the sample's adjustment
    assert result.issuer.legal_name == "ACME Industries"
    assert result.issuer.currency == "USD"
    assert [p.share_class.certificate_prefix for p in result.table.classes] == ["CS", "PS"]


def test_every_object_is_counted_as_imported_or_not_imported() -> None:
    report = imported(acme_package()).report

    assert report.imported == {
        "ISSUER": 1,
        "STAKEHOLDER": 4,
        "STOCK_CLASS": 2,
        "STOCK_LEGEND_TEMPLATE": 1,
        "STOCK_PLAN": 1,
        "TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT": 1,
        "TX_STOCK_CANCELLATION": 1,
        "TX_STOCK_CLASS_AUTHORIZED_SHARES_ADJUSTMENT": 1,
        "TX_STOCK_CLASS_SPLIT": 1,
        "TX_STOCK_CONVERSION": 1,
        "TX_STOCK_ISSUANCE": 9,  # 3 issued, 6 results and balances of other transactions
        "TX_STOCK_REPURCHASE": 1,
        "TX_STOCK_TRANSFER": 1,
    }
    assert report.not_imported == {
        "CE_STAKEHOLDER_STATUS": 1,
        "TX_WARRANT_ISSUANCE": 1,
        "VALUATION": 1,
        "VESTING_TERMS": 5,
    }
    assert "vestings" in report.fields_not_kept["TX_STOCK_ISSUANCE"]
    assert "current_relationships" in report.fields_not_kept["STAKEHOLDER"]
    # "+1 617 333 4444 ext. 100" is no phone number the cap table can hold: reported, not lost
    # (and of several emails, phones or addresses only the first is kept)
    assert {"contact_info.phone_numbers", "contact_info.emails", "addresses"} <= set(
        report.fields_not_kept["STAKEHOLDER"]
    )


def test_the_verbatim_samples_are_refused_at_their_first_inconsistency() -> None:
    # The samples are one example of each object, not one cap table: several issuances
    # issue the same security to a stakeholder "stakeholder-id" no file holds.
    with pytest.raises(OcfObjectRefused) as refused:
        imported(sample_package())

    assert refused.value.object_id == "test-stock-issuance-minimal-RSA"
    assert refused.value.path == "$.security_id"
    assert "issued twice" in refused.value.detail


def test_an_issuance_to_a_stakeholder_the_package_lacks_is_named() -> None:
    def dangle(items: list[dict[str, Any]]) -> None:
        by_id(items, "test-stock-issuance-minimal")["stakeholder_id"] = "nobody"

    with pytest.raises(OcfObjectRefused) as refused:
        imported(acme_with(dangle))

    assert refused.value.object_id == "test-stock-issuance-minimal"
    assert refused.value.path == "$.stakeholder_id"
    assert refused.value.reason_code == "unknown_reference"
    assert "'nobody'" in refused.value.detail


def test_a_cap_table_rule_is_reported_on_the_object_that_breaks_it() -> None:
    def oversell(items: list[dict[str, Any]]) -> None:
        by_id(items, "test-stock-cancellation-full-fields")["quantity"] = "1001"

    with pytest.raises(OcfObjectRefused) as refused:
        imported(acme_with(oversell))

    assert refused.value.object_id == "test-stock-cancellation-full-fields"
    assert refused.value.path == "$.quantity"
    assert refused.value.reason_code == "quantity_exceeds_security"


def test_a_result_that_disagrees_with_its_transaction_is_refused() -> None:
    def disagree(items: list[dict[str, Any]]) -> None:
        by_id(items, "transfer-result-issuance")["quantity"] = "11"

    with pytest.raises(OcfObjectRefused) as refused:
        imported(acme_with(disagree))

    assert refused.value.object_id == "test-stock-transfer-full-fields"
    assert refused.value.reason_code == "ocf_inconsistent_result"


def test_a_transfer_to_several_securities_moves_each_its_share() -> None:
    def two_buyers(items: list[dict[str, Any]]) -> None:
        transfer = by_id(items, "test-stock-transfer-full-fields")
        transfer["resulting_security_ids"] = ["transfer-result-security-id", "second-buyer"]
        second = copy.deepcopy(by_id(items, "transfer-result-issuance"))
        second.update(id="second-buyer-issuance", security_id="second-buyer", quantity="4")
        second["stakeholder_id"] = "d6c49a5a-257d-4b41-9f1d-073a77dfe719"  # Person Y
        by_id(items, "transfer-result-issuance")["quantity"] = "6"
        items.insert(items.index(transfer) + 1, second)

    result = imported(acme_with(two_buyers))

    assert holdings(result)[("XYZ Holdings Fund IV", "Common Stock")] == Decimal(12)  # 6 x 2
    assert holdings(result)[("Person Y", "Common Stock")] == Decimal(9608)  # (4800 + 4) x 2
    assert holdings(result)[("Person X", "Common Stock")] == Decimal(1840)


def _exported(result: ImportedCapTable) -> OcfExport:
    return ocf_of(
        result.issuer,
        result.stakeholders,
        result.share_classes,
        result.events,
        now=NOW,
        legends=result.stock_legends,
        plans=result.stock_plans,
    )


def _modulo_ids(export: OcfExport) -> str:
    """The export with every id we generate replaced by the order it first appears in."""
    text = json.dumps([export.manifest, [f.items for f in export.files]])
    seen: dict[str, str] = {}
    return UUID_TEXT.sub(lambda m: seen.setdefault(m.group(0), f"id-{len(seen)}"), text)


def test_an_export_imports_back_as_the_same_cap_table() -> None:
    first = imported(acme_package())
    exported = _exported(first)

    second = imported(write_package(exported.manifest, exported.files))

    assert holdings(second) == holdings(first)
    assert _modulo_ids(_exported(second)) == _modulo_ids(exported)
    assert second.report.not_imported == {}
