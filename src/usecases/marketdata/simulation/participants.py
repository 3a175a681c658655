"""Who trades in the simulated market: simulator accounts, each a seat (a role, a number and
the one instrument it trades), and what each role is funded with (cash in the instrument's
currency, and the instrument worth a notional at its price), topped up when a run starts.

Each instrument has accounts of its own, none shared with another instrument: trading settles
each group of instruments (a matcher partition) in its own transactions, and two of them
settling trades of the same accounts at once deadlocked in the ledger before trading locked a
batch's accounts up front (docs/market-data.md#the-simulator)."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from enum import StrEnum
from typing import Final

from domain.shared.ids import UserId

SIMULATOR_DOMAIN: Final = "simulator.meridian.dev"  # every simulator account's email domain


class Role(StrEnum):
    MARKET_MAKER = "market-maker"
    NOISE_TRADER = "noise-trader"
    MOMENTUM_TRADER = "momentum-trader"

    @property
    def label(self) -> str:
        return self.value.replace("-", " ").title()


@dataclass(frozen=True, slots=True)
class Seat:
    role: Role
    number: int  # 1, 2, ...
    symbol: str

    @property
    def handle(self) -> str:
        return f"{self.role.value}-{self.number}.{self.symbol.lower()}"

    @property
    def email(self) -> str:
        return f"{self.handle}@{SIMULATOR_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"Market Simulator {self.role.label} {self.number} {self.symbol}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Funding:
    cash: Decimal  # in the instrument's currency
    securities_notional: Decimal  # of the instrument, at its price


FUNDING: Final[dict[Role, Funding]] = {
    Role.MARKET_MAKER: Funding(cash=Decimal(500_000), securities_notional=Decimal(100_000)),
    Role.NOISE_TRADER: Funding(cash=Decimal(50_000), securities_notional=Decimal(20_000)),
    Role.MOMENTUM_TRADER: Funding(cash=Decimal(100_000), securities_notional=Decimal(40_000)),
}


def roster(
    symbols: Iterable[str], market_makers: int, noise_traders: int, momentum_traders: int
) -> list[Seat]:
    counts = {
        Role.MARKET_MAKER: market_makers,
        Role.NOISE_TRADER: noise_traders,
        Role.MOMENTUM_TRADER: momentum_traders,
    }
    return [
        Seat(role, n, symbol)
        for symbol in sorted(symbols)
        for role, count in counts.items()
        for n in range(1, count + 1)
    ]


@dataclass(frozen=True, slots=True, kw_only=True)
class Desk:
    """One instrument's simulator accounts, by role."""

    market_makers: tuple[UserId, ...] = ()
    noise_traders: tuple[UserId, ...] = ()
    momentum_traders: tuple[UserId, ...] = ()

    @property
    def everyone(self) -> tuple[UserId, ...]:
        return self.market_makers + self.noise_traders + self.momentum_traders


@dataclass(frozen=True, slots=True, kw_only=True)
class Participants:
    """The simulator accounts of a run: each instrument's desk."""

    desks: dict[str, Desk] = field(default_factory=dict)

    @classmethod
    def of(cls, seats: dict[Seat, UserId]) -> Participants:
        ordered = sorted(seats.items(), key=lambda item: (item[0].symbol, item[0].number))

        def users(symbol: str, role: Role) -> tuple[UserId, ...]:
            return tuple(u for s, u in ordered if s.symbol == symbol and s.role is role)

        symbols = sorted({seat.symbol for seat in seats})
        return cls(
            desks={
                symbol: Desk(
                    market_makers=users(symbol, Role.MARKET_MAKER),
                    noise_traders=users(symbol, Role.NOISE_TRADER),
                    momentum_traders=users(symbol, Role.MOMENTUM_TRADER),
                )
                for symbol in symbols
            }
        )

    def desk(self, symbol: str) -> Desk:
        return self.desks.get(symbol, Desk())

    @property
    def everyone(self) -> tuple[UserId, ...]:
        return tuple(u for desk in self.desks.values() for u in desk.everyone)
