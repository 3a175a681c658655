"""Scoring a login with a correct password from identity's own data: the user's known devices
and login activity, as the login read them (``LoginSubject``, in the login's unit of work)."""

from __future__ import annotations

from datetime import timedelta
from typing import Final

from domain.identity.device import DeviceInfo
from domain.identity.risk import LoginSignals, RiskAssessment, assess, ip_range
from usecases.identity.authentication.ports import LoginSubject

RECENT: Final = timedelta(hours=1)  # failures and wrong codes counted over this window


def score_login(subject: LoginSubject, device: DeviceInfo) -> RiskAssessment:
    """``subject``: read with failures counted since ``RECENT`` before the login."""
    history = subject.history
    known = subject.device is not None
    ranges = frozenset(r for r in map(ip_range, history.succeeded_ips) if r is not None)
    return assess(
        LoginSignals(
            has_history=known or subject.has_devices or bool(history.succeeded_ips),
            known_device=known,
            ip=device.ip,
            known_ip_ranges=ranges,
            recent_failed_logins=history.failed_logins,
            recent_wrong_codes=history.wrong_codes,
        )
    )
