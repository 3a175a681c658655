"""What reaches an instrument's owner: a new order, a cancel, an amendment, an expiry, or a
look at the book. Each is answered after the batch it is in has committed."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from uuid import UUID

from domain.shared.actor import Actor
from domain.trading.order import Order
from domain.trading.terms import Side
from usecases.shared.idempotency import IdempotencyKey


@dataclass(frozen=True, slots=True, kw_only=True)
class Place:
    actor: Actor
    order: Order  # checked against the instrument; sequence and priority still 0
    lots: int
    ticks: int
    idempotency: IdempotencyKey | None
    # taken again from a dead owner's in-flight list: it may have committed already
    redelivered: bool = False


@dataclass(frozen=True, slots=True, kw_only=True)
class Cancel:
    actor: Actor
    order_id: UUID
    sequence: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Amend:
    actor: Actor
    order_id: UUID
    sequence: int
    price: Decimal
    open_quantity: Decimal
    ticks: int
    lots: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Expire:
    order_id: UUID
    sequence: int


@dataclass(frozen=True, slots=True, kw_only=True)
class Look:
    """A side's price levels, best first: ``levels`` of them after the price ``after`` (in
    ticks; None: from the best); ``side`` None: both sides' best ``levels``, bids first."""

    side: Side | None
    levels: int
    after: int | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class BookLevel:
    side: Side
    ticks: int
    price: Decimal
    quantity: Decimal
    orders: int
    currency: str


Request = Place | Cancel | Amend | Expire | Look
