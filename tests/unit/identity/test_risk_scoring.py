"""Risk scoring at login: the rules, their exact scores, the decision given the thresholds, and
the login use case acting on it over in-memory fakes."""

from __future__ import annotations

import pytest

from domain.identity.risk import (
    LoginBlockedByRisk,
    LoginSignals,
    RiskAction,
    RiskDecision,
    RiskPolicy,
    RiskRule,
    RiskVerificationRequired,
    assess,
    ip_range,
)
from domain.identity.security_event import SecurityEventKind
from tests.unit.identity.kit import PASSWORD, Kit
from usecases.identity.authentication.login import Login
from usecases.identity.config import IdentityConfig
from usecases.identity.public.authenticator import RequestOrigin

HOME = "203.0.113.7"


def signals(**changes: object) -> LoginSignals:
    base: dict[str, object] = {
        "has_history": True,
        "known_device": True,
        "ip": HOME,
        "known_ip_ranges": frozenset({"203.0.113.0/24"}),
        "recent_failed_logins": 0,
        "recent_wrong_codes": 0,
    }
    base.update(changes)
    return LoginSignals(**base)  # type: ignore[arg-type]


def test_a_familiar_login_scores_zero() -> None:
    risk = assess(signals())
    assert (risk.score, risk.hits) == (0, ())


def test_the_same_slash_24_is_not_a_new_range() -> None:
    assert assess(signals(ip="203.0.113.250")).score == 0


def test_a_new_device_and_a_new_range_add_up() -> None:
    risk = assess(signals(known_device=False, ip="198.51.100.9"))
    assert risk.score == 40
    assert [h.rule for h in risk.hits] == [RiskRule.NEW_DEVICE, RiskRule.NEW_IP_RANGE]
    assert risk.reasons == ("new device", "new IP range 198.51.100.0/24")


def test_ipv6_ranges_are_slash_48() -> None:
    assert ip_range("2001:db8:1:2::7") == "2001:db8:1::/48"
    assert ip_range("not an address") is None
    assert assess(signals(ip="2001:db8:1:ffff::1", known_ip_ranges={"2001:db8:1::/48"})).score == 0


def test_a_burst_needs_three_failures() -> None:
    assert assess(signals(recent_failed_logins=2)).score == 0
    burst = assess(signals(recent_failed_logins=3))
    assert burst.score == 30
    assert burst.reasons == ("3 failed logins in the last hour",)


def test_otp_abuse_needs_three_wrong_codes() -> None:
    assert assess(signals(recent_wrong_codes=2)).score == 0
    assert assess(signals(recent_wrong_codes=4)).reasons == (
        "4 wrong one-time codes in the last hour",
    )


def test_everything_at_once_is_capped_at_100() -> None:
    risk = assess(
        signals(known_device=False, ip="198.51.100.9", recent_failed_logins=9, recent_wrong_codes=9)
    )
    assert sum(h.points for h in risk.hits) == 100
    assert risk.score == 100
    assert (
        assess(signals(known_device=False, ip="198.51.100.9", recent_failed_logins=3)).score == 70
    )


def test_without_history_novelty_says_nothing() -> None:
    first = assess(signals(has_history=False, known_device=False, known_ip_ranges=frozenset()))
    assert first.score == 0


@pytest.mark.parametrize(
    ("score", "action", "decision"),
    [
        (49, RiskAction.TWO_FACTOR, RiskDecision.ALLOW),
        (50, RiskAction.TWO_FACTOR, RiskDecision.SECOND_FACTOR),
        (89, RiskAction.TWO_FACTOR, RiskDecision.SECOND_FACTOR),
        (90, RiskAction.TWO_FACTOR, RiskDecision.BLOCK),
        (50, RiskAction.BLOCK, RiskDecision.BLOCK),
        (49, RiskAction.BLOCK, RiskDecision.ALLOW),
    ],
)
def test_the_decision_follows_the_thresholds(
    score: int, action: RiskAction, decision: RiskDecision
) -> None:
    assert RiskPolicy(action=action).decide(score) is decision


def test_thresholds_are_scores() -> None:
    with pytest.raises(ValueError, match="challenge"):
        RiskPolicy(challenge_threshold=101)


def _login(device_id: str, ip: str = HOME, password: str = PASSWORD) -> Login:
    origin = RequestOrigin(ip=ip, user_agent="test-agent", request_id="r1")
    return Login(
        identifier="asha@example.com", password=password, device_id=device_id, origin=origin
    )


async def _burst_then_new_device(kit: Kit) -> None:
    kit.add_user()
    assert (await kit.login().execute(_login("d-1"))).tokens is not None
    for _ in range(3):
        with pytest.raises(Exception, match="do not match"):
            await kit.login().execute(_login("d-1", password="wrong"))


async def test_a_risky_login_without_two_factor_is_refused_and_recorded() -> None:
    kit = Kit(config=IdentityConfig(risk=RiskPolicy(challenge_threshold=40)))
    await _burst_then_new_device(kit)
    with pytest.raises(RiskVerificationRequired):
        await kit.login().execute(_login("d-2"))
    refused = kit.world.activity[-1]
    assert refused.kind is SecurityEventKind.ACCESS_REFUSED
    assert refused.reason == "risk_verification_required:score=45"
    assert refused.risk is not None
    assert refused.risk.score == 45
    assert list(kit.world.risk_scores.values()) == [45]


async def test_a_login_over_the_block_threshold_is_blocked() -> None:
    kit = Kit(config=IdentityConfig(risk=RiskPolicy(challenge_threshold=30, block_threshold=45)))
    await _burst_then_new_device(kit)
    with pytest.raises(LoginBlockedByRisk):
        await kit.login().execute(_login("d-2"))
    assert kit.world.activity[-1].reason == "login_blocked_risk:score=45"


async def test_under_the_threshold_the_login_goes_on_with_its_score() -> None:
    kit = Kit()
    await _burst_then_new_device(kit)
    assert (await kit.login().execute(_login("d-2"))).tokens is not None
    succeeded = kit.world.activity[-1]
    assert succeeded.kind is SecurityEventKind.LOGIN_SUCCEEDED
    assert succeeded.risk is not None
    assert succeeded.risk.score == 45
