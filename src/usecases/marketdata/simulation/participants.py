"""Who trades in the simulated market: simulator accounts, each a seat (a role and a number),
and what each role is funded with (cash in each instrument's currency, and securities of every
instrument worth a notional at its price), topped up to that when a run starts."""

from __future__ import annotations

from dataclasses import dataclass
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

    @property
    def handle(self) -> str:
        return f"{self.role.value}-{self.number}"

    @property
    def email(self) -> str:
        return f"{self.handle}@{SIMULATOR_DOMAIN}"

    @property
    def full_name(self) -> str:
        return f"Market Simulator {self.role.label} {self.number}"


@dataclass(frozen=True, slots=True, kw_only=True)
class Funding:
    cash: Decimal  # in each currency the instruments trade in
    securities_notional: Decimal  # of each instrument, at its price


FUNDING: Final[dict[Role, Funding]] = {
    Role.MARKET_MAKER: Funding(cash=Decimal(5_000_000), securities_notional=Decimal(100_000)),
    Role.NOISE_TRADER: Funding(cash=Decimal(250_000), securities_notional=Decimal(20_000)),
    Role.MOMENTUM_TRADER: Funding(cash=Decimal(500_000), securities_notional=Decimal(40_000)),
}


def roster(market_makers: int, noise_traders: int, momentum_traders: int) -> list[Seat]:
    counts = {
        Role.MARKET_MAKER: market_makers,
        Role.NOISE_TRADER: noise_traders,
        Role.MOMENTUM_TRADER: momentum_traders,
    }
    return [Seat(role, n) for role, count in counts.items() for n in range(1, count + 1)]


@dataclass(frozen=True, slots=True, kw_only=True)
class Participants:
    """The simulator accounts of a run, by role."""

    market_makers: tuple[UserId, ...] = ()
    noise_traders: tuple[UserId, ...] = ()
    momentum_traders: tuple[UserId, ...] = ()

    @classmethod
    def of(cls, seats: dict[Seat, UserId]) -> Participants:
        def users(role: Role) -> tuple[UserId, ...]:
            ordered = sorted(seats.items(), key=lambda item: item[0].number)
            return tuple(user for seat, user in ordered if seat.role is role)

        return cls(
            market_makers=users(Role.MARKET_MAKER),
            noise_traders=users(Role.NOISE_TRADER),
            momentum_traders=users(Role.MOMENTUM_TRADER),
        )

    @property
    def everyone(self) -> tuple[UserId, ...]:
        return self.market_makers + self.noise_traders + self.momentum_traders
