"""The ledger accounts a batch may touch, found before it runs, so that it locks them all in
ONE statement in account-id order (``Ledger.lock_accounts``) before it writes any of them.

Two partitions' batches settle trades of the same accounts when one investor trades
instruments of both (the same user's cash, the platform's fee account): had each locked its
accounts trade by trade and hold by hold, they could take two of them in opposite orders and
deadlock. Locked up front in one order, the later one waits for the earlier one's commit.

What a batch may touch, on each instrument it has requests for:

- the account each new order holds, each cancelled, expired or amended order releases and
  holds again (cash in the instrument's currency for a buy, the instrument for a sell);
- when it may trade (an order of the batch could cross a resting one or another of the
  batch's), both accounts of every user on either side of those trades, and the platform's
  fee account in the currency. Who could be met is a superset (``OrderBook.may_meet``):
  the opposite side walked best first, up to the most aggressive limit of the batch's
  orders on a side, until it holds their whole quantity.

A securities account that does not exist yet is opened where a trade first credits it (it
is the instrument's: only its partition opens it). A cash or fee account that does not
exist yet is opened up front, in the order of its key, after the locks: two batches opening
the same ones wait for each other in one order too (an insert waits on the unique index for
a concurrent insert of the same key)."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import cast

from domain.shared.ids import UserId
from domain.trading.terms import Side
from usecases.ledger.public import AccountKind, AccountSpec
from usecases.trading.matcher.live_book import LiveBook
from usecases.trading.matcher.requests import Amend, Cancel, Expire, Place, Request
from usecases.trading.matcher.settlement import cash_asset, securities_asset


@dataclass(slots=True)
class _Instrument:
    live: LiveBook
    holders: set[tuple[UserId, Side]] = field(default_factory=set)
    changing: set[int] = field(default_factory=set)  # resting orders cancelled or amended
    incoming: list[tuple[UserId, Side, int, int]] = field(default_factory=list)

    def specs(self) -> list[AccountSpec]:
        instrument = self.live.instrument
        cash, securities = cash_asset(instrument), securities_asset(instrument)
        met = self.live.book.may_meet(self.incoming, changing=self.changing)
        if not met:  # nothing can trade: only the holds and releases
            return [
                AccountSpec(user, AccountKind.USER_CASH, cash)
                if side is Side.BUY
                else AccountSpec(user, AccountKind.USER_SECURITIES, securities)
                for user, side in self.holders
            ]
        specs = [AccountSpec(None, AccountKind.PLATFORM_FEES, cash)]
        for user in {cast(UserId, owner) for owner in met} | {u for u, _ in self.holders}:
            specs.append(AccountSpec(user, AccountKind.USER_CASH, cash))
            specs.append(AccountSpec(user, AccountKind.USER_SECURITIES, securities))
        return specs


def accounts_to_lock(requests: Iterable[tuple[LiveBook | None, Request]]) -> list[AccountSpec]:
    """The accounts the batch's requests may touch (each once), given each one's book (None:
    an unknown instrument, which touches nothing)."""
    by_instrument: dict[object, _Instrument] = {}
    for live, request in requests:
        if live is None:
            continue
        found = by_instrument.get(live.instrument.id)
        if found is None:
            found = by_instrument[live.instrument.id] = _Instrument(live)
        if isinstance(request, Place):
            order = request.order
            found.holders.add((order.user_id, order.side))
            found.incoming.append((order.user_id, order.side, request.ticks, request.lots))
        elif isinstance(request, Cancel | Expire | Amend):
            resting = live.orders.get(request.sequence)
            if resting is None or resting.id != request.order_id:
                continue  # refused: no longer on the book
            found.holders.add((resting.user_id, resting.side))
            found.changing.add(request.sequence)
            if isinstance(request, Amend):
                found.incoming.append((resting.user_id, resting.side, request.ticks, request.lots))
    return _unique(spec for found in by_instrument.values() for spec in found.specs())


def _unique(specs: Iterable[AccountSpec]) -> list[AccountSpec]:
    return list(dict.fromkeys(specs))


def opened_up_front(missing: Sequence[AccountSpec]) -> list[AccountSpec]:
    """Of the accounts to lock that do not exist yet, those to open before the batch runs
    (every one but the instrument's securities accounts), in the order of their keys."""
    return sorted(
        (spec for spec in missing if spec.kind is not AccountKind.USER_SECURITIES),
        key=lambda spec: (str(spec.owner or ""), spec.kind.value, spec.asset.code),
    )
