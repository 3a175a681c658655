"""Rules of the identity domain: lockout window, one-time codes, registration steps, password
length, profile validation."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from uuid import UUID

import pytest

from domain.identity.codes import new_otp_code, new_recovery_code, normalise_recovery_code
from domain.identity.contact import ContactChannel
from domain.identity.errors import (
    RegistrationCompleted,
    RegistrationExpired,
    RegistrationIncomplete,
    WeakPassword,
)
from domain.identity.ids import OtpId, RegistrationId
from domain.identity.lockout import LockoutPolicy
from domain.identity.otp import OneTimeCode, OtpCheck, OtpPurpose, OtpRules
from domain.identity.password_policy import PasswordPolicy
from domain.identity.profile import Profile
from domain.identity.registration import Registration, RegistrationStep
from domain.identity.user import User
from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId

NOW = datetime(2026, 1, 1, 12, tzinfo=UTC)
POLICY = LockoutPolicy(threshold=5, window=timedelta(minutes=30), duration=timedelta(minutes=30))


def user() -> User:
    return User(
        id=UserId(UUID(int=1)),
        email="a@example.com",
        phone="+919876543210",
        password_hash="x",
        profile=Profile(full_name="A"),
        created_at=NOW,
        updated_at=NOW,
        password_changed_at=NOW,
    )


def test_five_failures_in_the_window_lock_the_account_for_its_duration() -> None:
    subject = user()
    locks = [subject.record_failed_login(NOW + timedelta(minutes=i), POLICY) for i in range(5)]
    assert locks == [False, False, False, False, True]
    assert subject.is_locked(NOW + timedelta(minutes=33))
    assert not subject.is_locked(NOW + timedelta(minutes=34, seconds=1))


def test_failures_spread_beyond_the_window_start_again() -> None:
    subject = user()
    for i in range(4):
        subject.record_failed_login(NOW + timedelta(minutes=i), POLICY)
    assert not subject.record_failed_login(NOW + timedelta(minutes=31), POLICY)
    assert subject.failed_logins == 1


def test_a_success_or_a_new_password_clears_the_failures() -> None:
    subject = user()
    for _ in range(5):
        subject.record_failed_login(NOW, POLICY)
    subject.change_password("y", NOW)
    assert not subject.is_locked(NOW)
    assert subject.tokens_valid_after == NOW


def code(**overrides: object) -> OneTimeCode:
    issued = OneTimeCode.issue(
        id=OtpId(UUID(int=2)),
        purpose=OtpPurpose.REGISTRATION,
        destination="a@example.com",
        subject="r",
        code_digest="d",
        rules=OtpRules(ttl=timedelta(minutes=10)),
        now=NOW,
    )
    for name, value in overrides.items():
        setattr(issued, name, value)
    return issued


def test_a_code_allows_five_wrong_attempts_then_blocks() -> None:
    subject = code()
    outcomes = [subject.attempt(matches=False, now=NOW) for _ in range(5)]
    assert outcomes == [OtpCheck.WRONG] * 4 + [OtpCheck.BLOCKED]
    assert subject.attempt(matches=True, now=NOW) is OtpCheck.BLOCKED


def test_a_code_expires_and_works_once() -> None:
    assert code().attempt(matches=True, now=NOW + timedelta(minutes=10)) is OtpCheck.EXPIRED
    subject = code()
    assert subject.attempt(matches=True, now=NOW) is OtpCheck.ACCEPTED
    assert subject.attempt(matches=True, now=NOW) is OtpCheck.USED


def test_codes_are_six_digits_and_recovery_codes_normalise() -> None:
    assert all(len(c) == 6 and c.isdigit() for c in (new_otp_code() for _ in range(200)))
    recovery = new_recovery_code()
    assert normalise_recovery_code(f"  {recovery.upper().replace('-', ' ')} ") == recovery


def registration() -> Registration:
    return Registration(
        id=RegistrationId(UUID(int=3)),
        email="a@example.com",
        phone="+919876543210",
        password_hash="x",
        created_at=NOW,
        updated_at=NOW,
        expires_at=NOW + timedelta(hours=24),
    )


def test_a_registration_moves_through_its_steps() -> None:
    subject = registration()
    assert subject.step(NOW) is RegistrationStep.VERIFY_CONTACTS
    with pytest.raises(RegistrationIncomplete):
        subject.complete(UserId(UUID(int=1)), NOW)
    subject.mark_verified(ContactChannel.EMAIL, NOW)
    subject.mark_verified(ContactChannel.MOBILE, NOW)
    assert subject.step(NOW) is RegistrationStep.BASIC_INFO
    subject.complete(UserId(UUID(int=1)), NOW)
    assert subject.step(NOW) is RegistrationStep.COMPLETED
    with pytest.raises(RegistrationCompleted):
        subject.mark_verified(ContactChannel.EMAIL, NOW)


def test_a_registration_expires() -> None:
    with pytest.raises(RegistrationExpired):
        registration().mark_verified(ContactChannel.EMAIL, NOW + timedelta(hours=24))


@pytest.mark.parametrize(
    ("password", "reason"), [("a" * 11, "password_too_short"), ("a" * 129, "password_too_long")]
)
def test_password_length_is_counted_in_characters(password: str, reason: str) -> None:
    with pytest.raises(WeakPassword) as caught:
        PasswordPolicy().check_length(password, field="password")
    assert caught.value.errors[0].code == reason
    PasswordPolicy().check_length("ü" * 12, field="password")


def test_a_profile_is_tidied_and_checked() -> None:
    today = date(2026, 1, 1)
    tidy = Profile(full_name="  Asha   Rao ", country="in").validated(today=today)
    assert (tidy.full_name, tidy.country) == ("Asha Rao", "IN")
    for bad in (
        Profile(full_name="   "),
        Profile(full_name="123"),
        Profile(full_name="A", country="IND"),
        Profile(full_name="A", date_of_birth=date(2027, 1, 1)),
    ):
        with pytest.raises(ValidationFailed):
            bad.validated(today=today)
