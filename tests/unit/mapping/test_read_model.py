"""The one read-schema style: fields by attribute name, money at exactly its currency's minor
units, overrides only for fields that differ."""

from __future__ import annotations

import importlib
import pkgutil
import typing
from dataclasses import dataclass
from datetime import UTC, datetime
from decimal import Decimal
from types import SimpleNamespace
from uuid import uuid4

import pytest

import adapters.http
from adapters.http.banking.operations_schemas import RailInstructionRead
from adapters.http.banking.schemas import DepositPage, LinkedBankAccountRead
from adapters.http.read_model import Money, ReadModel
from domain.banking.rail import InstructionKind, InstructionState, RailInstruction
from domain.banking.transfers import Deposit, DepositMethod, TransferState
from domain.shared.ids import UserId
from domain.shared.pagination import Page
from usecases.banking.ports import InstructionView

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


class Amounts(ReadModel):
    asset: str
    amount: Money


class LineAmounts(ReadModel):
    amount: Money


@pytest.mark.parametrize(
    ("amount", "asset", "text"),
    [
        (Decimal("2500.00"), "INR", "2500.00"),
        (Decimal("2500.00000000"), "INR", "2500.00"),  # NUMERIC(28, 8) as the row holds it
        (Decimal("0"), "INR", "0.00"),
        (Decimal("-0.00"), "INR", "0.00"),
        (Decimal("-0.10"), "INR", "-0.10"),
        (Decimal("1E+3"), "INR", "1000.00"),
        (Decimal("1500.00"), "JPY", "1500"),
        (Decimal("12.5"), "KWD", "12.500"),
        (Decimal("0.00000001"), "ACME-A", "0.00000001"),  # an instrument keeps its places
    ],
)
def test_money_has_exactly_its_currencys_minor_units(
    amount: Decimal, asset: str, text: str
) -> None:
    assert Amounts.of(SimpleNamespace(asset=asset, amount=amount)).amount == text


def test_money_is_never_rounded_to_fit_its_currency() -> None:
    with pytest.raises(ValueError, match="more places than INR"):
        Amounts.of(SimpleNamespace(asset="INR", amount=Decimal("1.005")))


def test_money_without_a_currency_is_refused_unless_one_is_given() -> None:
    with pytest.raises(TypeError, match="needs a currency or asset field"):
        LineAmounts.of(SimpleNamespace(amount=Decimal("5")))
    assert LineAmounts.in_currency("INR", SimpleNamespace(amount=Decimal("5"))).amount == "5.00"


def _deposit() -> Deposit:
    return Deposit(
        id=uuid4(),
        user_id=UserId(uuid4()),
        amount=Decimal("2500.00"),
        currency="INR",
        method=DepositMethod.UPI,
        state=TransferState.PENDING,
        rail_reference=None,
        failure_reason=None,
        created_at=NOW,
        settled_at=None,
    )


def test_a_page_reads_its_items_by_name() -> None:
    deposit = _deposit()
    page = DepositPage.of(Page(items=[deposit], next_cursor="c1"))
    assert page.model_dump(mode="json") == {
        "items": [
            {
                "id": str(deposit.id),
                "amount": "2500.00",
                "currency": "INR",
                "method": "upi",
                "state": "pending",
                "rail_reference": None,
                "failure_reason": None,
                "created_at": "2026-11-22T10:00:00Z",
                "settled_at": None,
            }
        ],
        "next_cursor": "c1",
    }


@dataclass
class _AccountLike:
    id: object
    masked_number: str
    ifsc: str
    bank_name: str | None
    holder_name: str
    state: InstructionState  # any str enum: rendered as its value
    failure_reason: str | None
    is_primary: bool
    source: InstructionKind
    created_at: datetime
    number_index: str = "never shown"


def test_enums_become_their_values_and_other_attributes_stay_out() -> None:
    read = LinkedBankAccountRead.of(
        _AccountLike(
            uuid4(),
            "XXXX7890",
            "HDFC0001098",
            None,
            "P",
            InstructionState.DEAD,
            None,
            True,
            InstructionKind.PAYOUT,
            NOW,
        )
    )
    dumped = read.model_dump(mode="json")
    assert dumped["state"] == "dead"
    assert dumped["source"] == "payout"
    assert "number_index" not in dumped


def test_taking_overrides_a_field_and_refuses_an_unknown_one() -> None:
    instruction = RailInstruction(
        id=uuid4(),
        kind=InstructionKind.PAYOUT,
        reference="withdrawal:1",
        amount=Decimal("1500.00"),
        currency="INR",
        method=None,
        bank_account_id=uuid4(),
        state=InstructionState.DEAD,
        attempts=8,
        next_attempt_at=NOW,
        rail_reference=None,
        last_error="BankRailUnavailable",
        created_at=NOW,
        submitted_at=None,
    )
    read = RailInstructionRead.of(InstructionView(instruction, "XXXXXX7890"))
    assert read.masked_number == "XXXXXX7890"
    assert read.amount == "1500.00"
    with pytest.raises(TypeError, match="no field"):
        RailInstructionRead.taking(instruction, account_number="001234567890")


def _read_models() -> list[type[ReadModel]]:
    for module in pkgutil.walk_packages(adapters.http.__path__, "adapters.http."):
        importlib.import_module(module.name)
    found, todo = [], list(ReadModel.__subclasses__())
    while todo:
        cls = todo.pop()
        found.append(cls)
        todo.extend(cls.__subclasses__())
    return found


def _nested(annotation: object) -> list[type]:
    if isinstance(annotation, type) and issubclass(annotation, ReadModel):
        return [annotation]
    return [n for arg in typing.get_args(annotation) for n in _nested(arg)]


def test_a_schema_showing_a_hand_built_schema_builds_it_itself() -> None:
    """Nested schemas are validated by attribute name and never through their own ``of()``,
    so a schema holding one whose ``of()`` renames or derives fields must build it too."""
    offenders = [
        f"{cls.__name__}.{name} -> {inner.__name__}"
        for cls in _read_models()
        if "of" not in cls.__dict__
        for name, info in cls.model_fields.items()
        for inner in _nested(info.annotation)
        if "of" in inner.__dict__
    ]
    assert len(_read_models()) > 50
    assert offenders == []
