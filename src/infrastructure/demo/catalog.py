"""Every demo seeder, in the order they run."""

from __future__ import annotations

from infrastructure.demo.captable import DEMO_CAP_TABLE
from infrastructure.demo.identity import DEMO_ADMIN
from infrastructure.demo.investor import DEMO_INVESTOR
from infrastructure.demo.seeders import Seeder
from infrastructure.demo.trading import DEMO_INSTRUMENTS

SEEDERS: tuple[Seeder, ...] = (DEMO_ADMIN, DEMO_INVESTOR, DEMO_CAP_TABLE, DEMO_INSTRUMENTS)
