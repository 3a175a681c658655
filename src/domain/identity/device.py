"""Where a login comes from: the client's device id and name, and the parsed user agent."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime

from domain.identity.ids import DeviceId
from domain.shared.ids import UserId


@dataclass(frozen=True, slots=True, kw_only=True)
class UserAgent:
    raw: str | None = None
    browser: str | None = None
    os: str | None = None
    device: str | None = None

    @property
    def label(self) -> str:
        parts = [p for p in (self.browser, self.os) if p]
        return " on ".join(parts) if parts else "Unknown device"


@dataclass(frozen=True, slots=True, kw_only=True)
class DeviceInfo:
    """``device_id`` is the client's own stable id for the installation, when it sends one."""

    device_id: str | None
    name: str | None
    agent: UserAgent
    ip: str | None

    @property
    def key(self) -> str:
        """What makes two logins "the same device": the client's id, else browser and OS."""
        basis = f"id:{self.device_id}" if self.device_id else f"ua:{self.agent.label}"
        return hashlib.sha256(basis.encode()).hexdigest()[:32]

    @property
    def label(self) -> str:
        return self.name or self.agent.label


@dataclass(slots=True, kw_only=True)
class KnownDevice:
    id: DeviceId
    user_id: UserId
    key: str
    label: str
    browser: str | None
    os: str | None
    first_seen_at: datetime
    last_seen_at: datetime
    last_ip: str | None

    def seen(self, device: DeviceInfo, now: datetime) -> None:
        self.last_seen_at = now
        self.last_ip = device.ip
        self.label = device.label
