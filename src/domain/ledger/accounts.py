"""Ledger accounts: who owns them, what they hold, and whether they may go negative.

A user's cash and securities accounts never go negative: a spend needs that much *available*
(posted minus pending holds). Only system accounts designated so (bank clearing, suspense and
the FX positions by default) may go below zero: they mirror money outside the platform (an FX
position is the platform's dealing position in one currency: it pays out the currency users buy
and takes in the one they sell, covered with the platform's FX counterparty)."""

from __future__ import annotations

import enum
from dataclasses import dataclass
from decimal import Decimal
from typing import NewType
from uuid import UUID

from domain.ledger.assets import Asset
from domain.ledger.errors import InsufficientFunds
from domain.shared.errors import invalid_field
from domain.shared.ids import UserId

AccountId = NewType("AccountId", UUID)


class AccountKind(enum.StrEnum):
    USER_CASH = "user_cash"
    USER_SECURITIES = "user_securities"
    PLATFORM_FEES = "platform_fees"
    BANK_CLEARING = "bank_clearing"
    SUSPENSE = "suspense"
    FX_POSITION = "fx_position"

    @property
    def is_user(self) -> bool:
        return self in (AccountKind.USER_CASH, AccountKind.USER_SECURITIES)

    @property
    def negative_by_default(self) -> bool:
        return self in (AccountKind.BANK_CLEARING, AccountKind.SUSPENSE, AccountKind.FX_POSITION)


@dataclass(frozen=True, slots=True)
class AccountSpec:
    """Which account: ``owner`` for user kinds, ``None`` for the platform's system accounts."""

    owner: UserId | None
    kind: AccountKind
    asset: Asset
    may_go_negative: bool | None = None  # None: the kind's default

    def __post_init__(self) -> None:
        if self.kind.is_user and self.owner is None:
            raise invalid_field("owner", f"a {self.kind} account belongs to a user")
        if not self.kind.is_user and self.owner is not None:
            raise invalid_field("owner", f"a {self.kind} account is the platform's, not a user's")
        if self.kind.is_user and self.may_go_negative:
            raise invalid_field("may_go_negative", "a user's account never goes negative")
        if self.kind is AccountKind.USER_CASH and not self.asset.is_currency:
            raise invalid_field("asset", "a cash account holds a currency")
        if self.kind is AccountKind.USER_SECURITIES and self.asset.is_currency:
            raise invalid_field("asset", "a securities account holds an instrument")

    @property
    def negative_allowed(self) -> bool:
        if self.may_go_negative is None:
            return self.kind.negative_by_default
        return self.may_go_negative


@dataclass(frozen=True, slots=True)
class Balance:
    posted: Decimal
    held: Decimal

    @property
    def available(self) -> Decimal:
        return self.posted - self.held


@dataclass(frozen=True, slots=True)
class Account:
    id: AccountId
    owner: UserId | None
    kind: AccountKind
    asset: Asset
    may_go_negative: bool
    posted: Decimal
    held: Decimal

    @property
    def balance(self) -> Balance:
        return Balance(self.posted, self.held)

    @property
    def available(self) -> Decimal:
        return self.posted - self.held

    def after(
        self, *, posted_delta: Decimal = Decimal(0), held_delta: Decimal = Decimal(0)
    ) -> Account:
        """The account once a change lands; refused when a non-negative account would end up
        with less available than nothing (posted below what is held)."""
        posted = self.posted + posted_delta
        held = self.held + held_delta
        if not self.may_go_negative and posted - held < 0:
            raise InsufficientFunds(
                f"account {self.id} has {self.available} {self.asset} available"
            )
        return Account(
            self.id, self.owner, self.kind, self.asset, self.may_go_negative, posted, held
        )
