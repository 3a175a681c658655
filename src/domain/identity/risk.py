"""Risk scoring at login: signals about one attempt, rules with weights and human reasons, a
score from 0 to 100 and what to do about it given the thresholds.

Pure: the login use case gathers the signals from identity's own data (known devices, login
activity) and asks ``assess``."""

from __future__ import annotations

import ipaddress
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum
from typing import Final

from domain.shared.errors import PermissionDenied

MAX_SCORE: Final = 100
FAILED_LOGIN_BURST: Final = 3  # failed logins in the last hour that make a burst
OTP_ABUSE: Final = 3  # wrong one-time codes in the last hour that make abuse


class RiskRule(StrEnum):
    NEW_DEVICE = "new_device"
    NEW_IP_RANGE = "new_ip_range"
    FAILED_LOGIN_BURST = "failed_login_burst"
    OTP_ABUSE = "otp_abuse"


WEIGHTS: Final[dict[RiskRule, int]] = {
    RiskRule.NEW_DEVICE: 15,
    RiskRule.NEW_IP_RANGE: 25,
    RiskRule.FAILED_LOGIN_BURST: 30,
    RiskRule.OTP_ABUSE: 30,
}


class RiskDecision(StrEnum):
    ALLOW = "allow"
    SECOND_FACTOR = "second_factor"
    BLOCK = "block"


class RiskAction(StrEnum):
    """What a score at or above the challenge threshold (and under the block one) asks for."""

    TWO_FACTOR = "two_factor"
    BLOCK = "block"


def ip_range(ip: str | None) -> str | None:
    """The network an address belongs to for "a new place": IPv4 /24, IPv6 /48."""
    if not ip:
        return None
    try:
        address = ipaddress.ip_address(ip)
    except ValueError:
        return None
    prefix = 24 if address.version == 4 else 48
    return str(ipaddress.ip_network(f"{address}/{prefix}", strict=False))


@dataclass(frozen=True, slots=True, kw_only=True)
class LoginSignals:
    """What is known about one login with a correct password.

    ``has_history`` is False for an account that never logged in before (no known device, no
    successful login): with nothing to compare against, "new device" and "new IP range" say
    nothing and are not counted."""

    has_history: bool
    known_device: bool
    ip: str | None
    known_ip_ranges: frozenset[str]
    recent_failed_logins: int
    recent_wrong_codes: int


@dataclass(frozen=True, slots=True)
class RiskHit:
    rule: RiskRule
    points: int
    reason: str


@dataclass(frozen=True, slots=True)
class RiskAssessment:
    score: int
    hits: tuple[RiskHit, ...] = ()

    @property
    def reasons(self) -> tuple[str, ...]:
        return tuple(h.reason for h in self.hits)


@dataclass(frozen=True, slots=True, kw_only=True)
class RiskPolicy:
    challenge_threshold: int = 50
    block_threshold: int = 90
    action: RiskAction = RiskAction.TWO_FACTOR

    def __post_init__(self) -> None:
        if not 0 <= self.challenge_threshold <= MAX_SCORE:
            raise ValueError("the challenge threshold is a score from 0 to 100")
        if not 0 <= self.block_threshold <= MAX_SCORE:
            raise ValueError("the block threshold is a score from 0 to 100")

    def decide(self, score: int) -> RiskDecision:
        if score >= self.block_threshold:
            return RiskDecision.BLOCK
        if score >= self.challenge_threshold:
            if self.action is RiskAction.BLOCK:
                return RiskDecision.BLOCK
            return RiskDecision.SECOND_FACTOR
        return RiskDecision.ALLOW

    def is_suspicious(self, score: int | None) -> bool:
        return score is not None and score >= self.challenge_threshold


def _hits(signals: LoginSignals) -> Iterable[RiskHit]:
    if signals.has_history and not signals.known_device:
        yield RiskHit(RiskRule.NEW_DEVICE, WEIGHTS[RiskRule.NEW_DEVICE], "new device")
    network = ip_range(signals.ip)
    if signals.has_history and network is not None and network not in signals.known_ip_ranges:
        yield RiskHit(
            RiskRule.NEW_IP_RANGE,
            WEIGHTS[RiskRule.NEW_IP_RANGE],
            f"new IP range {network}",
        )
    if signals.recent_failed_logins >= FAILED_LOGIN_BURST:
        yield RiskHit(
            RiskRule.FAILED_LOGIN_BURST,
            WEIGHTS[RiskRule.FAILED_LOGIN_BURST],
            f"{signals.recent_failed_logins} failed logins in the last hour",
        )
    if signals.recent_wrong_codes >= OTP_ABUSE:
        yield RiskHit(
            RiskRule.OTP_ABUSE,
            WEIGHTS[RiskRule.OTP_ABUSE],
            f"{signals.recent_wrong_codes} wrong one-time codes in the last hour",
        )


def assess(signals: LoginSignals) -> RiskAssessment:
    hits = tuple(_hits(signals))
    return RiskAssessment(score=min(MAX_SCORE, sum(h.points for h in hits)), hits=hits)


class RiskVerificationRequired(PermissionDenied):
    """A risky login on an account without two-factor: the owner must verify first."""

    code = "risk_verification_required"
    title = "Verification required"

    def __init__(self) -> None:
        super().__init__(
            "This login looks unusual. Turn on two-factor authentication from a device you "
            "have used before, or reset your password, then try again."
        )


class LoginBlockedByRisk(PermissionDenied):
    code = "login_blocked_risk"
    title = "Login blocked"

    def __init__(self) -> None:
        super().__init__(
            "This login was blocked because it looks too risky. Contact support if it was you."
        )
