"""The one row ⇄ domain mapper: by name, converted by the field's annotation, overrides only
where names or types differ, and loud where a conversion would be a guess."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from enum import StrEnum
from types import SimpleNamespace
from uuid import uuid4

import pytest

from adapters.persistence.banking.models import BankAccountRow
from adapters.persistence.identity.models import ApiKeyRow
from adapters.persistence.mapping import row_values, to_domain
from domain.banking.bank_accounts import BankAccountSource, BankAccountState, LinkedBankAccount
from domain.identity.api_key import ApiKey, ApiKeyId
from domain.shared.ids import UserId

NOW = datetime(2026, 11, 22, 10, 0, tzinfo=UTC)


def _account() -> LinkedBankAccount:
    return LinkedBankAccount(
        id=uuid4(),
        user_id=UserId(uuid4()),
        sealed_number="sealed",
        number_index="index",
        masked_number="XXXXXX7890",
        ifsc="HDFC0001098",
        bank_name=None,
        holder_name="PRIYA SHARMA",
        name_match_score=0.93,
        state=BankAccountState.VERIFIED,
        failure_reason=None,
        is_primary=True,
        source=BankAccountSource.KYC,
        penny_drop_reference="pd-1",
        created_at=NOW,
    )


def test_values_store_enums_as_their_values_and_read_back_as_enums() -> None:
    account = _account()
    values = row_values(account, BankAccountRow)
    assert values["state"] == "verified"
    assert type(values["state"]) is str
    assert values["source"] == "kyc"
    assert type(values["source"]) is str
    assert set(values) == {c.key for c in BankAccountRow.__table__.columns}
    back = to_domain(SimpleNamespace(**values), LinkedBankAccount)
    assert back == account
    assert back.state is BankAccountState.VERIFIED


def test_sets_are_stored_sorted_and_read_back_as_frozensets() -> None:
    key = ApiKey(
        id=ApiKeyId(uuid4()),
        owner_id=UserId(uuid4()),
        name="bot",
        prefix="k3m9x2p7qa",
        secret_digest="digest",
        scopes=frozenset({"status:read", "audit:read", "ledger:read"}),
        rate_limit_per_minute=60,
        created_at=NOW,
    )
    values = row_values(key, ApiKeyRow)
    assert values["scopes"] == ["audit:read", "ledger:read", "status:read"]
    assert to_domain(SimpleNamespace(**values), ApiKey) == key


def test_only_names_the_columns_a_save_changes() -> None:
    account = _account()
    assert row_values(account, BankAccountRow, only=("is_primary", "removed_at")) == {
        "is_primary": True,
        "removed_at": None,
    }


def test_overrides_replace_a_field_and_must_name_a_real_one() -> None:
    account = _account()
    assert row_values(account, BankAccountRow, bank_name="HDFC")["bank_name"] == "HDFC"
    with pytest.raises(TypeError, match="no column"):
        row_values(account, BankAccountRow, nickname="x")
    row = SimpleNamespace(**row_values(account, BankAccountRow))
    assert to_domain(row, LinkedBankAccount, holder_name="P S").holder_name == "P S"
    with pytest.raises(TypeError, match="no field"):
        to_domain(row, LinkedBankAccount, nickname="x")


class Colour(StrEnum):
    RED = "red"


@dataclass(frozen=True)
class Inner:
    a: int


@dataclass
class Outer:
    inner: Inner
    inners: tuple[Inner, ...]
    colour: Colour | None = None
    tags: tuple[str, ...] = ()
    notes: list[str] = field(default_factory=list)


def test_a_nested_dataclass_needs_an_explicit_override() -> None:
    row = SimpleNamespace(inner={"a": 1}, inners=[{"a": 2}], colour="red", tags=["x"])
    with pytest.raises(TypeError, match=r"Outer\.inner.*override"):
        to_domain(row, Outer, inners=())
    with pytest.raises(TypeError, match=r"Outer\.inners.*override"):
        to_domain(row, Outer, inner=Inner(1))
    built = to_domain(row, Outer, inner=Inner(1), inners=(Inner(2),))
    assert built == Outer(Inner(1), (Inner(2),), Colour.RED, ("x",), [])


def test_a_missing_column_keeps_the_default_but_a_required_field_fails() -> None:
    row = SimpleNamespace(inners=[])
    built = to_domain(row, Outer, inner=Inner(1), inners=())
    assert built.colour is None
    assert built.tags == ()
    with pytest.raises(TypeError, match=r"Outer\.inner: the row has no such column"):
        to_domain(SimpleNamespace(), Outer, inners=())
