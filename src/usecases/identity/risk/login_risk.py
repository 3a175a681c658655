"""Scoring a login with a correct password from identity's own data: the user's known devices
and login activity, read in the login's unit of work."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Final

from domain.identity.device import DeviceInfo, KnownDevice
from domain.identity.risk import LoginSignals, RiskAssessment, assess, ip_range
from domain.identity.user import User
from usecases.identity.ports import IdentityUnitOfWork

RECENT: Final = timedelta(hours=1)


async def score_login(
    uow: IdentityUnitOfWork,
    user: User,
    device: DeviceInfo,
    now: datetime,
    *,
    known: KnownDevice | None,
) -> RiskAssessment:
    """``known``: the user's device with ``device.key``, as the caller found it (``None``: a
    new device)."""
    history = await uow.login_activity.history(user.id, since=now - RECENT)
    has_devices = known is not None or bool(await uow.devices.for_user(user.id))
    ranges = frozenset(r for r in map(ip_range, history.succeeded_ips) if r is not None)
    return assess(
        LoginSignals(
            has_history=has_devices or bool(history.succeeded_ips),
            known_device=known is not None,
            ip=device.ip,
            known_ip_ranges=ranges,
            recent_failed_logins=history.failed_logins,
            recent_wrong_codes=history.wrong_codes,
        )
    )
