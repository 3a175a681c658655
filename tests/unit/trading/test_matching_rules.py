"""The matching engine's rules, one test each, as a trader on the exchange would see them."""

from __future__ import annotations

import pytest

from domain.trading.matching.book import OrderBook
from domain.trading.matching.events import (
    Accepted,
    Amended,
    Cancelled,
    CancelReason,
    Decremented,
    Expired,
    Rejected,
    RejectReason,
    Trade,
)
from domain.trading.terms import SelfTradePrevention, Side, TimeInForce

BUY, SELL = Side.BUY, Side.SELL
GTC, DAY, GTD, IOC, FOK = (
    TimeInForce.GTC,
    TimeInForce.DAY,
    TimeInForce.GTD,
    TimeInForce.IOC,
    TimeInForce.FOK,
)
STP = SelfTradePrevention


def book_with(*asks: tuple[int, str, int, int]) -> OrderBook:
    """A book with resting sells: (order id, owner, quantity, price)."""
    book = OrderBook()
    for order_id, owner, quantity, price in asks:
        assert book.place(order_id, owner, SELL, quantity, price) == [Accepted(order_id)]
    return book


def trade(
    taker: int,
    maker: int,
    price: int,
    quantity: int,
    left: int,
    maker_left: int,
    taker_owner: str = "t",
    maker_owner: str = "m",
    side: Side = BUY,
) -> Trade:
    return Trade(taker, maker, taker_owner, maker_owner, side, price, quantity, left, maker_left)


def test_a_resting_order_is_accepted_and_shown_in_depth() -> None:
    book = book_with((1, "m", 5, 101), (2, "m", 3, 101), (3, "m", 4, 103))
    assert book.depth(SELL, 5) == [(101, 8, 2), (103, 4, 1)]
    assert book.depth(BUY, 5) == []
    assert book.best(SELL) == 101
    assert book.best(BUY) is None
    assert 1 in book
    assert 9 not in book


def test_the_best_price_trades_first() -> None:
    book = book_with((1, "m", 5, 103), (2, "m", 5, 101), (3, "m", 5, 102))
    events = book.place(4, "t", BUY, 12, 103)
    assert events == [
        Accepted(4),
        trade(4, 2, 101, 5, 7, 0),
        trade(4, 3, 102, 5, 2, 0),
        trade(4, 1, 103, 2, 0, 3),
    ]


def test_at_one_price_the_oldest_order_trades_first() -> None:
    book = book_with((1, "m", 5, 101), (2, "n", 5, 101))
    assert book.place(3, "t", BUY, 6, 101)[1:] == [
        trade(3, 1, 101, 5, 1, 0),
        trade(3, 2, 101, 1, 0, 4, maker_owner="n"),
    ]


def test_a_trade_is_at_the_resting_orders_price() -> None:
    book = OrderBook()
    book.place(1, "m", BUY, 5, 105)
    assert book.place(2, "t", SELL, 5, 100)[1] == trade(2, 1, 105, 5, 0, 0, side=SELL)


def test_a_partly_filled_limit_order_rests_with_its_remainder() -> None:
    book = book_with((1, "m", 3, 101))
    assert book.place(2, "t", BUY, 10, 102) == [Accepted(2), trade(2, 1, 101, 3, 7, 0)]
    assert book.resting() == [(2, "t", BUY, 102, 7)]


def test_a_filled_order_leaves_the_book() -> None:
    book = book_with((1, "m", 3, 101))
    events = book.place(2, "t", BUY, 3, 101)
    assert events[-1] == trade(2, 1, 101, 3, 0, 0)  # both remaining 0: both filled
    assert book.resting() == []
    assert 1 not in book
    assert 2 not in book


def test_a_market_order_takes_any_price_and_its_remainder_is_cancelled() -> None:
    book = book_with((1, "m", 3, 101), (2, "m", 3, 150))
    assert book.place(3, "t", BUY, 10, None, IOC) == [
        Accepted(3),
        trade(3, 1, 101, 3, 7, 0),
        trade(3, 2, 150, 3, 4, 0),
        Cancelled(3, 4, CancelReason.UNFILLED_REMAINDER),
    ]
    assert book.resting() == []


def test_a_market_order_with_the_other_side_empty_is_rejected() -> None:
    book = OrderBook()
    book.place(1, "m", BUY, 3, 100)
    assert book.place(2, "t", BUY, 1, None, IOC) == [Rejected(2, RejectReason.NO_LIQUIDITY)]
    collared = book.place(3, "t", BUY, 1, 120, IOC, market=True)
    assert collared == [Rejected(3, RejectReason.NO_LIQUIDITY)]


def test_a_market_order_with_a_collar_stops_at_the_collar() -> None:
    book = book_with((1, "m", 3, 101), (2, "m", 3, 110))
    assert book.place(3, "t", BUY, 5, 105, IOC, market=True) == [
        Accepted(3),
        trade(3, 1, 101, 3, 2, 0),
        Cancelled(3, 2, CancelReason.UNFILLED_REMAINDER),
    ]


def test_a_market_order_must_not_rest() -> None:
    book = book_with((1, "m", 3, 101))
    assert book.place(2, "t", BUY, 1, None, GTC) == [Rejected(2, RejectReason.INVALID_ORDER)]
    collared = book.place(3, "t", BUY, 1, 105, DAY, market=True)
    assert collared == [Rejected(3, RejectReason.INVALID_ORDER)]


def test_an_ioc_that_finds_nothing_is_cancelled_whole() -> None:
    book = book_with((1, "m", 3, 105))
    assert book.place(2, "t", BUY, 4, 104, IOC) == [
        Accepted(2),
        Cancelled(2, 4, CancelReason.UNFILLED_REMAINDER),
    ]
    assert book.resting() == [(1, "m", SELL, 105, 3)]


def test_a_fok_that_can_fill_fills_entirely() -> None:
    book = book_with((1, "m", 3, 101), (2, "m", 3, 102))
    assert book.place(3, "t", BUY, 5, 102, FOK) == [
        Accepted(3),
        trade(3, 1, 101, 3, 2, 0),
        trade(3, 2, 102, 2, 0, 1),
    ]


def test_a_fok_that_cannot_fill_entirely_is_killed_with_no_trade() -> None:
    book = book_with((1, "m", 3, 101), (2, "m", 3, 103))
    assert book.place(3, "t", BUY, 5, 102, FOK) == [
        Accepted(3),
        Cancelled(3, 5, CancelReason.KILLED),
    ]
    assert book.resting() == [(1, "m", SELL, 101, 3), (2, "m", SELL, 103, 3)]


def test_a_fok_counts_nothing_beyond_its_own_resting_order() -> None:
    # cancel_newest (and cancel_both, decrement) would stop the FOK at its owner's order.
    book = book_with((1, "m", 3, 101), (2, "t", 3, 101), (3, "m", 3, 101))
    assert book.place(4, "t", BUY, 5, 101, FOK)[1] == Cancelled(4, 5, CancelReason.KILLED)
    assert len(book) == 3  # nothing on the book changed
    assert book.place(5, "t", BUY, 3, 101, FOK) == [Accepted(5), trade(5, 1, 101, 3, 0, 0)]


def test_a_fok_with_cancel_oldest_skips_its_own_orders_and_cancels_them_when_it_fills() -> None:
    book = book_with((1, "m", 3, 101), (2, "t", 3, 101), (3, "m", 3, 101))
    events = book.place(4, "t", BUY, 5, 101, FOK, self_trade=STP.CANCEL_OLDEST)
    assert events == [
        Accepted(4),
        trade(4, 1, 101, 3, 2, 0),
        Cancelled(2, 3, CancelReason.SELF_TRADE),
        trade(4, 3, 101, 2, 0, 1),
    ]
    killed = book_with((1, "t", 3, 101), (2, "m", 3, 101))
    assert killed.place(3, "t", BUY, 5, 101, FOK, self_trade=STP.CANCEL_OLDEST)[1:] == [
        Cancelled(3, 5, CancelReason.KILLED)
    ]
    assert len(killed) == 2  # its own order was not cancelled: nothing happened


def test_post_only_that_would_take_is_rejected() -> None:
    book = book_with((1, "m", 3, 101))
    assert book.place(2, "t", BUY, 1, 101, post_only=True) == [
        Rejected(2, RejectReason.POST_ONLY_WOULD_TAKE)
    ]
    assert book.place(3, "t", BUY, 1, 100, post_only=True) == [Accepted(3)]
    assert book.place(4, "t", BUY, 1, 99, IOC, post_only=True) == [
        Rejected(4, RejectReason.INVALID_ORDER)
    ]


def test_self_trade_cancel_newest_cancels_the_incoming_remainder() -> None:
    book = book_with((1, "m", 2, 101), (2, "t", 3, 101), (3, "m", 3, 101))
    assert book.place(4, "t", BUY, 5, 101) == [
        Accepted(4),
        trade(4, 1, 101, 2, 3, 0),
        Cancelled(4, 3, CancelReason.SELF_TRADE),
    ]
    assert book.resting() == [(2, "t", SELL, 101, 3), (3, "m", SELL, 101, 3)]


def test_self_trade_cancel_oldest_cancels_the_resting_order_and_goes_on() -> None:
    book = book_with((1, "t", 3, 101), (2, "m", 3, 101))
    assert book.place(3, "t", BUY, 5, 101, self_trade=STP.CANCEL_OLDEST) == [
        Accepted(3),
        Cancelled(1, 3, CancelReason.SELF_TRADE),
        trade(3, 2, 101, 3, 2, 0),
    ]
    assert book.resting() == [(3, "t", BUY, 101, 2)]


def test_self_trade_cancel_both_cancels_both() -> None:
    book = book_with((1, "t", 3, 101), (2, "m", 3, 101))
    assert book.place(3, "t", BUY, 5, 101, self_trade=STP.CANCEL_BOTH) == [
        Accepted(3),
        Cancelled(1, 3, CancelReason.SELF_TRADE),
        Cancelled(3, 5, CancelReason.SELF_TRADE),
    ]
    assert book.resting() == [(2, "m", SELL, 101, 3)]


def test_self_trade_decrement_shrinks_both_by_the_smaller_without_trading() -> None:
    book = book_with((1, "t", 3, 101), (2, "m", 3, 101))
    assert book.place(3, "t", BUY, 5, 101, self_trade=STP.DECREMENT) == [
        Accepted(3),
        Cancelled(1, 3, CancelReason.SELF_TRADE),  # decremented to zero: cancelled
        Decremented(3, 3, 2),
        trade(3, 2, 101, 2, 0, 1),
    ]
    small = book_with((1, "t", 5, 101))
    assert small.place(2, "t", BUY, 2, 101, self_trade=STP.DECREMENT) == [
        Accepted(2),
        Decremented(1, 2, 3),
        Cancelled(2, 2, CancelReason.SELF_TRADE),
    ]
    assert small.resting() == [(1, "t", SELL, 101, 3)]


def test_cancel_takes_a_resting_order_off_the_book() -> None:
    book = book_with((1, "m", 3, 101))
    assert book.cancel(1) == [Cancelled(1, 3, CancelReason.REQUESTED)]
    assert book.resting() == []
    assert book.depth(SELL, 1) == []
    assert book.cancel(1) == [Rejected(1, RejectReason.UNKNOWN_ORDER)]


def test_reducing_quantity_keeps_the_place_in_the_queue() -> None:
    book = book_with((1, "m", 5, 101), (2, "n", 5, 101))
    assert book.amend(1, quantity=2) == [Amended(1, 101, 2, True)]
    assert [r[0] for r in book.resting()] == [1, 2]


def test_increasing_quantity_loses_the_place_in_the_queue() -> None:
    book = book_with((1, "m", 5, 101), (2, "n", 5, 101))
    assert book.amend(1, quantity=6) == [Amended(1, 101, 6, False)]
    assert book.resting() == [(2, "n", SELL, 101, 5), (1, "m", SELL, 101, 6)]


def test_a_price_change_goes_to_the_back_of_the_new_level() -> None:
    book = book_with((1, "m", 5, 101), (2, "n", 5, 102))
    assert book.amend(1, price=102) == [Amended(1, 102, 5, False)]
    assert book.resting() == [(2, "n", SELL, 102, 5), (1, "m", SELL, 102, 5)]
    assert book.depth(SELL, 5) == [(102, 10, 2)]


def test_an_amended_price_that_crosses_matches_at_once() -> None:
    book = book_with((1, "m", 5, 101))
    book.place(2, "t", BUY, 8, 99)
    assert book.amend(2, price=101) == [Amended(2, 101, 8, False), trade(2, 1, 101, 5, 3, 0)]
    assert book.resting() == [(2, "t", BUY, 101, 3)]


def test_a_post_only_order_cannot_be_amended_to_take() -> None:
    book = book_with((1, "m", 5, 101))
    book.place(2, "t", BUY, 8, 99, post_only=True)
    assert book.amend(2, price=101) == [Rejected(2, RejectReason.POST_ONLY_WOULD_TAKE)]
    assert book.resting()[0] == (2, "t", BUY, 99, 8)


def test_an_amendment_that_changes_nothing_or_empties_the_order_is_refused() -> None:
    book = book_with((1, "m", 5, 101))
    invalid = [Rejected(1, RejectReason.INVALID_AMENDMENT)]
    assert book.amend(1) == invalid
    assert book.amend(1, quantity=5, price=101) == invalid
    assert book.amend(1, quantity=0) == invalid
    assert book.amend(7, quantity=1) == [Rejected(7, RejectReason.UNKNOWN_ORDER)]


def test_day_and_gtd_orders_expire_gtc_orders_do_not() -> None:
    book = OrderBook()
    book.place(1, "m", SELL, 3, 101, DAY)
    book.place(2, "m", SELL, 3, 101, GTD)
    book.place(3, "m", SELL, 3, 101, GTC)
    assert book.expire(1) == [Expired(1, 3)]
    assert book.expire(2) == [Expired(2, 3)]
    assert book.expire(3) == [Rejected(3, RejectReason.NOT_EXPIRABLE)]
    assert book.expire(1) == [Rejected(1, RejectReason.UNKNOWN_ORDER)]
    assert book.resting() == [(3, "m", SELL, 101, 3)]


def test_an_order_id_already_on_the_book_and_an_empty_order_are_refused() -> None:
    book = book_with((1, "m", 5, 101))
    assert book.place(1, "m", BUY, 1, 90) == [Rejected(1, RejectReason.DUPLICATE_ORDER_ID)]
    assert book.place(2, "m", BUY, 0, 90) == [Rejected(2, RejectReason.INVALID_ORDER)]


def test_resting_lists_bids_best_first_then_asks_best_first() -> None:
    book = OrderBook()
    book.place(1, "a", BUY, 1, 98)
    book.place(2, "b", BUY, 1, 99)
    book.place(3, "c", BUY, 1, 99)
    book.place(4, "d", SELL, 1, 102)
    book.place(5, "e", SELL, 1, 101)
    assert [r[0] for r in book.resting()] == [2, 3, 1, 5, 4]
    assert book.depth(BUY, 1) == [(99, 2, 2)]
    assert book.best(BUY) == 99


def test_an_event_cannot_be_changed_and_reads_as_a_dict_of_its_fields() -> None:
    event = OrderBook().place(1, "m", SELL, 3, 101)[0]
    assert isinstance(event, Accepted)
    with pytest.raises(AttributeError):
        event.order_id = 2  # type: ignore[misc]
    assert event._asdict() == {"order_id": 1}
    filled = book_with((1, "m", 3, 101)).place(2, "t", BUY, 3, 101)[1]
    assert isinstance(filled, Trade)
    assert filled._asdict() == {
        "taker_id": 2,
        "maker_id": 1,
        "taker_owner": "t",
        "maker_owner": "m",
        "taker_side": BUY,
        "price": 101,
        "quantity": 3,
        "taker_remaining": 0,
        "maker_remaining": 0,
    }
