"""Every collection the API returns is the one page shape: ``{items, next_cursor}``, paged by
``limit`` and ``cursor``. A GET whose 200 answer is an array, or an object holding an array of
resources, must be that page; an array that is part of one resource (a user's roles, a
statement's lines) is named in ``NOT_COLLECTIONS`` with the reason it is not a list to page.
"""

from __future__ import annotations

from typing import Any

import pytest

from infrastructure.app import create_app
from infrastructure.config.settings import Settings

PAGE_PROPERTIES = {"items", "next_cursor"}
PAGE_PARAMETERS = {"limit", "cursor"}

# (schema, property): why this array is part of one resource, not a collection to page.
NOT_COLLECTIONS: dict[tuple[str, str], str] = {
    ("BallotRead", "allocation"): "one ballot's weight per option, at most 20 options",
    ("PublishedBallotRead", "allocation"): "one ballot's weight per option, at most 20 options",
    ("PreferencesRead", "preferences"): "one user's settings: a row per category and channel",
    ("UserAdminRead", "roles"): "the user's role grants, a handful, part of the user",
    ("UserRead", "roles"): "the same grants as the signed-in user sees them (one roles shape)",
    ("PermissionsRead", "roles"): "the same grants, beside what they allow",
    ("PermissionsRead", "permissions"): "what the grants allow, bounded by the role catalog",
    ("LoginActivityReportRead", "days"): "a report: one row per day of the asked window",
    ("LoginActivityReportRead", "top_failing_accounts"): "a report's top ten",
    ("LoginActivityReportRead", "top_failing_ips"): "a report's top ten",
    ("RegistrationFunnelReportRead", "conversions"): "a report: one row per funnel stage",
    ("KycStatusReportRead", "levels"): "a report: one row per KYC level",
    ("KycStatusReportRead", "steps"): "a report: one row per KYC step",
    ("KycStatusRead", "steps"): "one user's state of each KYC step",
    ("ReviewSubmissionRead", "decisions"): "the review history of one submission",
    ("StatementRead", "lines"): "a monthly statement is one document (also served as a PDF)",
    ("WithdrawalRead", "risk_reasons"): "the risk rules one withdrawal hit",
    ("IssuerRead", "addresses"): "an issuer's own addresses (at most ten), part of it",
    ("IssuerRead", "tax_ids"): "an issuer's own tax ids (at most ten), part of it",
    ("CapTableSummaryRead", "classes"): "the summary's row per share class, a handful",
    ("LineageRead", "ancestors"): "one certificate's chain back to its issuance",
    ("PortfolioSummaryRead", "currencies"): "the dashboard's section per currency held, a few",
    ("PortfolioSummaryRead", "investments"): "the dashboard is one answer: every investment's "
    "figures beside the per-currency totals they make up (issue 20: the summary in one call)",
    ("PortfolioSummaryRead", "brokerage"): "the dashboard's brokerage account, a section per "
    "currency traded, a few",
    ("PortfolioSummaryRead", "companies"): "the dashboard is one answer: each share class held "
    "in a platform company (issue 20), a handful",
    ("BrokerageSectionRead", "positions"): "the dashboard is one answer: the open positions of "
    "one currency beside the section's totals they make up",
    ("CurrencySummaryRead", "by_kind"): "an allocation: one slice per investment kind",
    ("CurrencySummaryRead", "by_sector"): "an allocation: one slice per sector held",
    ("CurrencySummaryRead", "by_geography"): "an allocation: one slice per geography held",
    ("CurrencySummaryRead", "by_vintage"): "an allocation: one slice per vintage year held",
    ("ActivityImportRead", "problems"): "one import's report: every refused row and column",
    ("LineageRead", "descendants"): "what one certificate became: a lineage is one answer",
    ("PriceListRead", "prices"): "one price per symbol the request names, at most 50",
    ("MarketBookRead", "bids"): "one snapshot of a book: its best levels, at most 100 a side",
    ("MarketBookRead", "asks"): "one snapshot of a book: its best levels, at most 100 a side",
}


@pytest.fixture(scope="module")
def document(settings: Settings) -> dict[str, Any]:
    return create_app(settings).openapi()


def _resolve(document: dict[str, Any], schema: dict[str, Any]) -> tuple[str, dict[str, Any]]:
    """The schema's component name (or "" inline) and the schema behind a ``$ref``."""
    name = ""
    while "$ref" in schema:
        name = schema["$ref"].rsplit("/", 1)[-1]
        schema = document["components"]["schemas"][name]
    return name, schema


def _array_items(document: dict[str, Any], schema: dict[str, Any]) -> dict[str, Any] | None:
    """The item schema when ``schema`` is an array (optional or not), else None."""
    _, schema = _resolve(document, schema)
    if schema.get("type") == "array":
        return _resolve(document, schema.get("items", {}))[1]
    for option in schema.get("anyOf", ()):
        if option.get("type") != "null" and (items := _array_items(document, option)) is not None:
            return items
    return None


def _lists_resources(document: dict[str, Any], prop: str, schema: dict[str, Any]) -> bool:
    """An array of objects, or any array called ``items``; a list of strings is a value."""
    items = _array_items(document, schema)
    return items is not None and (prop == "items" or items.get("type") == "object")


def _ok_schema(document: dict[str, Any], op: dict[str, Any]) -> dict[str, Any] | None:
    content = op.get("responses", {}).get("200", {}).get("content", {})
    return content.get("application/json", {}).get("schema")


def list_shape_violations(document: dict[str, Any]) -> list[str]:
    """One line per GET whose 200 answer is a collection that is not the standard page."""
    found: list[str] = []
    for path, item in document["paths"].items():
        op = item.get("get")
        schema = op and _ok_schema(document, op)
        if not schema:
            continue
        route = f"GET {path}"
        name, body = _resolve(document, schema)
        if _array_items(document, body) is not None:
            found.append(f"{route}: answers a bare array")
            continue
        properties = body.get("properties", {})
        arrays = sorted(
            prop
            for prop, sub in properties.items()
            if _lists_resources(document, prop, sub) and (name, prop) not in NOT_COLLECTIONS
        )
        if not arrays:
            continue
        if set(properties) != PAGE_PROPERTIES:
            found.append(
                f"{route}: {name or 'inline'} lists {arrays} but is not {{items, next_cursor}}"
            )
            continue
        params = {p["name"] for p in op.get("parameters", ()) if p.get("in") == "query"}
        if not params >= PAGE_PARAMETERS:
            found.append(
                f"{route}: a page without the query parameters {sorted(PAGE_PARAMETERS - params)}"
            )
        elif not name.endswith("Page"):
            found.append(f"{route}: the page schema {name or 'inline'} is not named <Thing>Page")
    return found


def test_every_collection_is_the_standard_page(document: dict[str, Any]) -> None:
    violations = list_shape_violations(document)
    assert not violations, "\n".join(violations)


def test_every_allowlisted_array_exists(document: dict[str, Any]) -> None:
    schemas = document["components"]["schemas"]
    for (name, prop), reason in NOT_COLLECTIONS.items():
        assert reason
        assert name in schemas, name
        assert prop in schemas[name].get("properties", {}), (name, prop)
