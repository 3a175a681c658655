"""Market data wiring: the simulator part (see the package's docstring)."""

from __future__ import annotations

from typing import Any

HANDLERS: tuple[type[Any], ...] = ()
COLLABORATORS: tuple[Any, ...] = ()
ROUTERS: tuple[Any, ...] = ()
