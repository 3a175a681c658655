"""Identity statistics port: aggregate figures about logins and registrations for reports in
other contexts (audit), without reading identity's tables. Identity implements it with
aggregate queries over its own tables; every period is ``[since, until)`` in aware UTC."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Protocol


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginDayCount:
    """Login attempts on one UTC calendar day."""

    day: date
    successes: int
    failures: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FailingIdentifier:
    identifier: str  # what was typed to log in (normalised)
    failures: int


@dataclass(frozen=True, slots=True, kw_only=True)
class FailingIp:
    ip: str
    failures: int


@dataclass(frozen=True, slots=True, kw_only=True)
class RegistrationFunnelCounts:
    """Registrations started in a period, and how far they got."""

    started: int
    email_verified: int
    mobile_verified: int
    completed: int
    expired: int  # not completed and past their expiry: abandoned


class IdentityStatistics(Protocol):
    async def login_counts_by_day(self, since: datetime, until: datetime) -> list[LoginDayCount]:
        """Successful and failed logins per UTC day; days without attempts are left out."""
        ...

    async def top_failing_identifiers(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIdentifier]:
        """The identifiers with the most failed logins, most first."""
        ...

    async def top_failing_ips(
        self, since: datetime, until: datetime, limit: int
    ) -> list[FailingIp]:
        """The client IPs with the most failed logins, most first."""
        ...

    async def registration_funnel(
        self, since: datetime, until: datetime, now: datetime
    ) -> RegistrationFunnelCounts:
        """Registrations started in the period; ``expired`` counts those open past ``now``."""
        ...

    async def users_by_kyc_level(self) -> dict[int, int]:
        """How many users are at each KYC level (``users.kyc_level``); levels nobody is at are
        left out."""
        ...
