"""Idempotent replay of a stored result: the idempotency store keeps the use case's result (a
domain value, as context-agnostic JSON), and the route renders a replay exactly as it rendered
the first answer."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from adapters.http.banking.operations_router import TRANSFER_FAILED
from adapters.http.banking.transfers_router import DEPOSIT_CREATED
from adapters.http.idempotency import REPLAYED_HEADER, respond
from adapters.persistence.shared.result_codec import decode, encode
from domain.banking.transfers import Deposit, DepositMethod, TransferState, Withdrawal
from domain.ledger.accounts import AccountId
from domain.ledger.assets import Asset
from domain.ledger.entries import EntryId, JournalEntry, Posting
from domain.shared.ids import UserId, new_uuid
from usecases.shared.idempotency import Idempotent

AT = datetime(2026, 12, 1, 9, 30, 15, 123456, tzinfo=UTC)


def deposit() -> Deposit:
    return Deposit(
        id=new_uuid(),
        user_id=UserId(new_uuid()),
        amount=Decimal("2500.00"),
        currency="INR",
        method=DepositMethod.NEFT,
        state=TransferState.PENDING,
        rail_reference=None,
        failure_reason=None,
        created_at=AT,
        settled_at=None,
    )


def stored(value: Any) -> Any:
    """Through the codec and a JSON column, as the store keeps it."""
    return decode(json.loads(json.dumps(encode(value))))


def test_results_come_back_equal_with_their_types_and_decimal_places() -> None:
    entry = JournalEntry(
        id=EntryId(new_uuid()),
        postings=(
            Posting(AccountId(new_uuid()), Asset("INR", 2), Decimal("-250.00")),
            Posting(AccountId(new_uuid()), Asset("INR", 2), Decimal("250.00")),
        ),
        memo="Goodwill",
        reference=None,
        metadata={"kind": "manual_adjustment", "nested": {"n": [1, 2]}},
        created_at=AT,
    )
    withdrawal = Withdrawal(
        **{k: v for k, v in vars_of(deposit()).items() if k != "method"},
        bank_account_id=new_uuid(),
        hold_id=new_uuid(),
        stepped_up=True,
        risk_score=40,
        risk_reasons=[{"rule": "new_device", "points": 40}],
    )
    for value in (deposit(), entry, withdrawal):
        back = stored(value)
        assert back == value
        assert type(back) is type(value)
    assert str(stored(entry).postings[0].amount) == "-250.00"
    assert isinstance(stored(entry).postings, tuple)


def vars_of(value: Deposit) -> dict[str, Any]:
    return {name: getattr(value, name) for name in Deposit.__dataclass_fields__}


def test_a_replay_answers_the_status_and_body_of_the_first_answer() -> None:
    value = deposit()
    fresh = respond(Idempotent(value), DEPOSIT_CREATED)
    replay = respond(Idempotent(stored(value), replayed=True), DEPOSIT_CREATED)
    assert (fresh.status_code, replay.status_code) == (201, 201)
    assert replay.body == fresh.body
    assert json.loads(replay.body)["amount"] == "2500.00"
    assert replay.headers[REPLAYED_HEADER] == "true"
    assert REPLAYED_HEADER not in fresh.headers


def test_a_stored_transfer_is_rendered_as_the_kind_it_was() -> None:
    value = deposit()
    replay = respond(Idempotent(stored(value), replayed=True), TRANSFER_FAILED)
    assert replay.status_code == 200
    assert json.loads(replay.body)["method"] == "neft"  # a deposit, not a withdrawal


def test_a_record_from_before_results_were_stored_is_answered_as_it_was() -> None:
    earlier = {"id": "x", "amount": "1.00"}
    replay = respond(Idempotent(None, True, earlier), DEPOSIT_CREATED)
    assert (replay.status_code, json.loads(replay.body)) == (201, earlier)
    assert replay.headers[REPLAYED_HEADER] == "true"


def test_only_domain_values_are_stored_and_only_domain_types_are_read_back() -> None:
    class Local:
        pass

    with pytest.raises(TypeError):
        encode(Local())
    with pytest.raises(ValueError, match="not a domain module"):
        decode({"$": "dataclass", "t": "os:system", "v": {}})
