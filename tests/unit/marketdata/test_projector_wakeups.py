"""What wakes the projector job: every trades message; a level2 message only when the book's
best bid or ask differs from what the last ticker published (or the message has no state)."""

from __future__ import annotations

from typing import Any

from domain.shared.clock import SystemClock
from infrastructure.cache.memory import MemoryCache
from infrastructure.marketdata.projector import ProjectorJob
from infrastructure.pubsub.feed_memory import MemoryFeedBus
from usecases.marketdata.config import MarketDataConfig
from usecases.shared.ports.feed import FeedMessage
from usecases.system.public import Heartbeats


def _job() -> ProjectorJob:
    def resolve(kind: type[Any]) -> Any:
        raise AssertionError("no round in these tests")

    return ProjectorJob(
        resolve, MemoryFeedBus(), Heartbeats(MemoryCache(), SystemClock()), MarketDataConfig()
    )


def _book(bid: str | None, ask: str | None) -> FeedMessage:
    state = {"bids": [[bid, "1"]] if bid else [], "asks": [[ask, "1"]] if ask else []}
    return FeedMessage("level2", "AAPL", 1, {**state, "reset": False}, state)


def test_a_trade_wakes_it() -> None:
    job = _job()
    job.heard(FeedMessage("trades", "AAPL", 1, {"symbol": "AAPL"}))
    assert job.woken
    assert job.books == set()


def test_only_a_change_of_the_best_prices_asks_for_a_ticker() -> None:
    job = _job()
    job.published("AAPL", ("100.00", "100.10"))
    job.heard(_book("100.00", "100.10"))  # a change deeper in the book
    assert not job.woken
    job.heard(_book("100.01", "100.10"))
    assert job.woken
    assert job.books == {"AAPL"}


def test_a_level2_message_without_state_asks_for_a_ticker() -> None:
    job = _job()
    job.heard(FeedMessage("level2", "AAPL", 1, {"bids": [], "asks": []}))
    assert job.books == {"AAPL"}
