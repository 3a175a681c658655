"""The append-only history of a cap table: every change of who holds what, or of how many
shares a class authorizes, is one event, never an edit. Each names the securities it consumes
(at most once each, ever) and carries the securities it creates, in full, so replaying the
events alone rebuilds the cap table. Field names follow OCF 1.2's transactions
(``TX_STOCK_ISSUANCE``, ``TX_STOCK_TRANSFER``...)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal
from enum import StrEnum
from typing import ClassVar
from uuid import UUID

from domain.captable.security import Security, SecurityStatus
from domain.shared.ids import UserId
from domain.shared.money import Money


class EventKind(StrEnum):
    ISSUANCE = "issuance"
    CANCELLATION = "cancellation"
    REPURCHASE = "repurchase"
    TRANSFER = "transfer"
    AUTHORIZED_SHARES_ADJUSTMENT = "authorized_shares_adjustment"
    SPLIT = "split"
    CONVERSION = "conversion"
    ISSUER_AUTHORIZED_ADJUSTMENT = "issuer_authorized_adjustment"


@dataclass(frozen=True, slots=True, kw_only=True)
class CapTableEvent:
    kind: ClassVar[EventKind]
    consumes_as: ClassVar[SecurityStatus | None] = None  # the status it leaves consumed ones in

    id: UUID
    issuer_id: UUID
    sequence: int  # 1, 2, 3... within the issuer, without gaps
    date: dt.date  # when it took effect (OCF ``date``); never before the previous event's
    recorded_at: dt.datetime
    recorded_by: UserId | None

    @property
    def consumed_ids(self) -> tuple[UUID, ...]:
        return ()

    @property
    def created(self) -> tuple[Security, ...]:
        return ()


@dataclass(frozen=True, slots=True, kw_only=True)
class SecurityEvent(CapTableEvent):
    """An event on one security: it consumes it and leaves ``balance`` for what remains."""

    security_id: UUID
    balance: Security | None = None  # OCF balance_security_id: the unconsumed remainder

    @property
    def consumed_ids(self) -> tuple[UUID, ...]:
        return (self.security_id,)

    @property
    def resulting(self) -> tuple[Security, ...]:
        return ()

    @property
    def created(self) -> tuple[Security, ...]:
        return self.resulting + ((self.balance,) if self.balance else ())


@dataclass(frozen=True, slots=True, kw_only=True)
class Issuance(CapTableEvent):
    kind = EventKind.ISSUANCE

    security: Security
    share_price: Money | None = None  # OCF share_price: an amount and its currency
    board_approval_date: dt.date | None = None
    consideration_text: str | None = None

    @property
    def created(self) -> tuple[Security, ...]:
        return (self.security,)

    @property
    def stock_legend_ids(self) -> tuple[UUID, ...]:
        """OCF ``stock_legend_ids``: the legends its certificate prints."""
        return self.security.stock_legend_ids


@dataclass(frozen=True, slots=True, kw_only=True)
class Cancellation(SecurityEvent):
    kind = EventKind.CANCELLATION
    consumes_as = SecurityStatus.CANCELLED

    quantity: Decimal
    reason_text: str


@dataclass(frozen=True, slots=True, kw_only=True)
class Repurchase(SecurityEvent):
    kind = EventKind.REPURCHASE
    consumes_as = SecurityStatus.REPURCHASED

    quantity: Decimal
    price: Money  # per share, in the issuer's currency
    consideration_text: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Transfer(SecurityEvent):
    kind = EventKind.TRANSFER
    consumes_as = SecurityStatus.TRANSFERRED

    quantity: Decimal
    transferred: tuple[Security, ...]  # OCF resulting_security_ids: the buyers' securities
    consideration_text: str | None = None

    @property
    def resulting(self) -> tuple[Security, ...]:
        return self.transferred


@dataclass(frozen=True, slots=True, kw_only=True)
class Conversion(SecurityEvent):
    kind = EventKind.CONVERSION
    consumes_as = SecurityStatus.CONVERTED

    quantity_converted: Decimal
    to_stock_class_id: UUID
    converted: Security  # the shares of the class it converted into

    @property
    def resulting(self) -> tuple[Security, ...]:
        return (self.converted,)


@dataclass(frozen=True, slots=True, kw_only=True)
class AuthorizedSharesAdjustment(CapTableEvent):
    """The only way a class's authorized shares change."""

    kind = EventKind.AUTHORIZED_SHARES_ADJUSTMENT

    stock_class_id: UUID
    new_shares_authorized: Decimal
    board_approval_date: dt.date
    stockholder_approval_date: dt.date | None = None
    comments: str | None = None


@dataclass(frozen=True, slots=True, kw_only=True)
class Split(CapTableEvent):
    """OCF ``TX_STOCK_CLASS_SPLIT``: every outstanding security of the class is consumed and
    reissued with ``numerator / denominator`` times its shares (one new security an old one)."""

    kind = EventKind.SPLIT
    consumes_as = SecurityStatus.SPLIT

    stock_class_id: UUID
    split_ratio_numerator: Decimal
    split_ratio_denominator: Decimal
    split: tuple[Security, ...]  # the new securities, each with its source_security_id

    @property
    def consumed_ids(self) -> tuple[UUID, ...]:
        return tuple(s.source_security_id for s in self.split if s.source_security_id)

    @property
    def created(self) -> tuple[Security, ...]:
        return self.split


@dataclass(frozen=True, slots=True, kw_only=True)
class IssuerAuthorizedSharesAdjustment(CapTableEvent):
    """OCF ``TX_ISSUER_AUTHORIZED_SHARES_ADJUSTMENT``: the issuer's total authorized shares,
    every class together (the classes' own stay as their adjustments set them)."""

    kind = EventKind.ISSUER_AUTHORIZED_ADJUSTMENT

    new_shares_authorized: Decimal
    board_approval_date: dt.date | None = None
    stockholder_approval_date: dt.date | None = None
    comments: str | None = None


EVENT_TYPES: dict[EventKind, type[CapTableEvent]] = {
    kind.kind: kind
    for kind in (
        Issuance,
        Cancellation,
        Repurchase,
        Transfer,
        Conversion,
        AuthorizedSharesAdjustment,
        Split,
        IssuerAuthorizedSharesAdjustment,
    )
}
