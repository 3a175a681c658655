"""What the password use cases return: plain data, no entities."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True, slots=True, kw_only=True)
class ResetTicket:
    reset_token: str
    expires_at: datetime
