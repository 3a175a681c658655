"""Journal entries: two or more postings whose amounts sum to zero in every asset.

A posting's amount is the signed change of its account's balance (+ the account gains). Entries
are immutable; a correction is a reversing entry that links to the one it reverses."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal
from typing import Any, Final, NewType
from uuid import UUID

from domain.ledger.accounts import AccountId
from domain.ledger.assets import Asset
from domain.ledger.errors import InvalidPosting, UnbalancedEntry

EntryId = NewType("EntryId", UUID)
MAX_MEMO: Final = 500
MAX_REFERENCE: Final = 200


@dataclass(frozen=True, slots=True)
class Leg:
    """One side of an entry as a caller states it: this account changes by ``amount``."""

    account_id: AccountId
    amount: Decimal


@dataclass(frozen=True, slots=True)
class Posting:
    account_id: AccountId
    asset: Asset
    amount: Decimal


def balanced_postings(legs: Sequence[tuple[Leg, Asset]]) -> tuple[Posting, ...]:
    """The postings of ``legs`` (each with its account's asset), quantized to the asset's
    precision; refused unless there are two or more, none is zero, and every asset sums to
    zero."""
    if len(legs) < 2:
        raise UnbalancedEntry("a journal entry needs at least two postings")
    postings: list[Posting] = []
    totals: dict[str, Decimal] = {}
    for leg, asset in legs:
        amount = asset.amount(leg.amount)
        if amount == 0:
            raise InvalidPosting(f"a posting to {leg.account_id} of zero moves nothing")
        postings.append(Posting(leg.account_id, asset, amount))
        totals[asset.code] = totals.get(asset.code, Decimal(0)) + amount
    off = {code: total for code, total in totals.items() if total != 0}
    if off:
        detail = ", ".join(f"{code} off by {total}" for code, total in sorted(off.items()))
        raise UnbalancedEntry(f"postings must sum to zero per asset: {detail}")
    return tuple(postings)


def check_text(memo: str, reference: str | None) -> None:
    if not memo.strip() or len(memo) > MAX_MEMO:
        raise InvalidPosting(f"memo: 1..{MAX_MEMO} characters")
    if reference is not None and not 1 <= len(reference) <= MAX_REFERENCE:
        raise InvalidPosting(f"reference: 1..{MAX_REFERENCE} characters")


@dataclass(frozen=True, slots=True)
class NewEntry:
    """What a caller asks the ledger to post. ``reference`` is unique across the journal (e.g.
    ``deposit:<id>``): the same business event can never be posted twice."""

    legs: Sequence[Leg]
    memo: str
    reference: str | None = None
    metadata: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        check_text(self.memo, self.reference)


@dataclass(frozen=True, slots=True)
class JournalEntry:
    id: EntryId
    postings: tuple[Posting, ...]
    memo: str
    reference: str | None
    metadata: Mapping[str, Any]
    created_at: datetime
    reverses: EntryId | None = None
    reversed_by: EntryId | None = None

    def reversing_legs(self) -> list[Leg]:
        return [Leg(p.account_id, -p.amount) for p in self.postings]
