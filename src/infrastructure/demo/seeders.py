"""Demo data: each context contributes a seeder; ``meridian seed-demo`` runs them in order.

A seeder is idempotent (running it twice leaves the same data) and goes through the same
use cases as the API, so demo data obeys every rule real data does.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass

from infrastructure.container import Container


@dataclass(frozen=True, slots=True)
class Seeder:
    name: str
    run: Callable[[Container], Awaitable[int]]  # returns how many records it created
