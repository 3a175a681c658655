"""Demo instruments: the trading catalog (seven US stocks, five ETFs, five crypto pairs, two
bonds, all in USD) through the seeding use case (idempotent: a second run adds nothing)."""

from __future__ import annotations

from domain.shared.actor import Actor
from infrastructure.container import Container
from infrastructure.demo.seeders import Seeder
from infrastructure.wiring import build_registry
from usecases.trading.instruments.seed_instruments import SeedInstruments, SeedInstrumentsHandler


async def seed_instruments(container: Container) -> int:
    handler = build_registry(container).resolve(SeedInstrumentsHandler)
    return await handler.execute(SeedInstruments(actor=Actor.system("demo")))


DEMO_INSTRUMENTS = Seeder("trading instruments", seed_instruments)
