"""Money is one format on every route: every money field of every response (and request) is
the one `Money` component, a decimal string with exactly the currency's minor units."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import pytest

from adapters.http.read_model import MONEY_PATTERN
from infrastructure.app import create_app
from infrastructure.config.settings import Settings

MONEY_REF = "#/components/schemas/Money"
# A property named like money: an amount, a balance, a fee, a ledger total.
MONEY_NAME = re.compile(
    r"^(amount|\w+_amount|balance|balance_\w+|\w+_balance|fee|\w+_fee|fees|posted|held|"
    r"available|credits|debits|total_amount|price|\w+_price)$"
)
PRICE_REF = "#/components/schemas/PricePerShare"
# Named like money but not money: counts, flags and ids (a transfer's balance certificate).
NOT_MONEY = {"amount_count", "balance_security_id"}
# Prices per share: not settled amounts, finer than the currency (0.0001 USD a share), so the
# one `PricePerShare` component; what they move (a total, a fee) is Money.
PER_SHARE = {
    "IssuanceCreate.share_price",
    "RepurchaseCreate.price",
    "CapTableEventRead.share_price",
    "CapTableEventRead.price",
    # trading: prices of one unit of an instrument, on its tick (finer than the currency for
    # some crypto); what a fill moves (cash, fee) is Money
    "InstrumentCreate.reference_price",
    "InstrumentRead.reference_price",
    "InstrumentRead.last_price",
    "OrderCreate.price",
    "OrderUpdate.price",
    "OrderRead.price",
    "OrderRead.limit_price",
    "OrderRead.average_price",
    "FillRead.price",
    "PositionRead.last_price",
    "BrokeragePositionRead.last_price",  # the portfolio's view of a trading position
    "BookLevelRead.price",
    "MarketBookLevelRead.price",
}


@pytest.fixture(scope="module")
def document(settings: Settings) -> dict[str, Any]:
    return create_app(settings).openapi()


def _refs(schema: dict[str, Any]) -> set[str]:
    """The component refs a property is: itself, or any branch of a nullable union."""
    found = {schema["$ref"]} if "$ref" in schema else set()
    for key in ("allOf", "anyOf", "oneOf"):
        for branch in schema.get(key, []):
            found |= _refs(branch)
    return found


def _money_properties(document: dict[str, Any]) -> Iterator[tuple[str, str, dict[str, Any]]]:
    for name, schema in document["components"]["schemas"].items():
        for prop, sub in schema.get("properties", {}).items():
            if MONEY_NAME.match(prop) and prop not in NOT_MONEY:
                if f"{name}.{prop}" in PER_SHARE:
                    assert PRICE_REF in _refs(sub), f"{name}.{prop} is a price per share"
                    continue
                yield name, prop, sub


def _response_schemas(document: dict[str, Any]) -> set[str]:
    """Every component reachable from a response (through properties, items and unions)."""
    schemas = document["components"]["schemas"]
    todo = [
        media["schema"]
        for item in document["paths"].values()
        for op in item.values()
        if isinstance(op, dict)
        for response in op.get("responses", {}).values()
        for media in response.get("content", {}).values()
        if "schema" in media
    ]
    seen: set[str] = set()
    while todo:
        node = todo.pop()
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/components/schemas/"):
                name = ref.rsplit("/", 1)[1]
                if name not in seen:
                    seen.add(name)
                    todo.append(schemas[name])
            todo.extend(node.values())
        elif isinstance(node, list):
            todo.extend(node)
    return seen


def test_money_is_one_named_schema(document: dict[str, Any]) -> None:
    money = document["components"]["schemas"]["Money"]
    assert money["type"] == "string"
    assert money["pattern"] == MONEY_PATTERN
    assert "minor units" in money["description"]
    assert all(re.fullmatch(MONEY_PATTERN, e) for e in money["examples"])


def test_every_money_field_of_every_response_is_the_money_schema(
    document: dict[str, Any],
) -> None:
    in_responses = _response_schemas(document)
    checked = {
        f"{name}.{prop}" for name, prop, _ in _money_properties(document) if name in in_responses
    }
    wrong = sorted(
        f"{name}.{prop}"
        for name, prop, sub in _money_properties(document)
        if name in in_responses and MONEY_REF not in _refs(sub)
    )
    assert not wrong, f"money fields that are not the Money schema: {wrong}"
    # The walk found what it should (a rename would otherwise pass silently).
    assert {
        "PostingRead.amount",
        "BalanceRead.posted",
        "BalanceRead.held",
        "BalanceRead.available",
        "TransactionRead.amount",
        "TransactionRead.balance_after",
        "StatementRead.opening_balance",
        "StatementRead.credits",
        "StatementRead.debits",
        "StatementRead.closing_balance",
        "StatementLineRead.amount",
        "StatementLineRead.balance",
        "DepositRead.amount",
        "WithdrawalRead.amount",
        "RailInstructionRead.amount",
        "ShareTransferRead.total_price",
        "ShareTransferRead.fee",
    } <= checked


def test_every_money_field_of_a_request_is_the_money_schema(document: dict[str, Any]) -> None:
    requests = {"AdjustmentCreate", "DepositCreate", "WithdrawalCreate"}
    schemas = document["components"]["schemas"]
    for name in requests:
        assert MONEY_REF in _refs(schemas[name]["properties"]["amount"]), name
    in_responses = _response_schemas(document)
    wrong = sorted(
        f"{name}.{prop}"
        for name, prop, sub in _money_properties(document)
        if name not in in_responses and MONEY_REF not in _refs(sub)
    )
    assert not wrong, f"request money fields that are not the Money schema: {wrong}"


def test_a_price_per_share_is_its_own_component_finer_than_money(
    document: dict[str, Any],
) -> None:
    schemas = document["components"]["schemas"]
    price = schemas["PricePerShare"]
    assert re.fullmatch(price["pattern"], "0.0000000001")
    assert not re.fullmatch(price["pattern"], "0.00000000001")
    for name, prop in (n.split(".") for n in PER_SHARE):
        assert PRICE_REF in _refs(schemas[name]["properties"][prop]), f"{name}.{prop}"
    for name in ("ShareTransferCreate", "ShareTransferRead"):
        assert PRICE_REF in _refs(schemas[name]["properties"]["price_per_share"]), name
