"""Domain value constructors and use cases refuse once, naming every offending field."""

from __future__ import annotations

from datetime import date

import pytest

from domain.identity.errors import WeakPassword
from domain.identity.profile import Profile
from domain.shared.errors import RateLimited, ValidationFailed, invalid_field
from domain.shared.field_checks import FieldChecks

TODAY = date(2026, 12, 1)


def test_a_profile_names_every_bad_field() -> None:
    with pytest.raises(ValidationFailed) as refused:
        Profile(full_name="1234", date_of_birth=date(1850, 1, 1), country="1X").validated(
            today=TODAY
        )
    assert [e.field for e in refused.value.errors] == ["full_name", "date_of_birth", "country"]
    assert refused.value.error_code == "validation_failed"


def test_one_refusal_is_raised_as_it_is() -> None:
    checks = FieldChecks()
    with checks:
        raise WeakPassword("password", "use at least 12 characters", reason="password_too_short")
    assert checks.take(str.upper, "fine") == "FINE"
    with pytest.raises(WeakPassword):
        checks.raise_any()


def test_several_refusals_of_one_code_keep_it_and_several_codes_are_validation_failed() -> None:
    same = FieldChecks()
    same.add(WeakPassword("password", "too short", reason="password_too_short"))
    same.add(WeakPassword("new_password", "too short", reason="password_too_short"))
    with pytest.raises(ValidationFailed) as refused:
        same.raise_any()
    assert refused.value.error_code == "weak_password"
    assert [e.field for e in refused.value.errors] == ["password", "new_password"]
    mixed = FieldChecks()
    mixed.add(invalid_field("a", "bad"))
    with mixed:
        raise WeakPassword("password", "too easy to guess", reason="weak_password")
    with pytest.raises(ValidationFailed) as both:
        mixed.raise_any()
    assert type(both.value) is ValidationFailed
    assert [(e.field, e.code) for e in both.value.errors] == [
        ("a", "invalid"),
        ("password", "weak_password"),
    ]
    assert both.value.detail == "a: bad; password: too easy to guess"


def test_other_errors_are_not_collected() -> None:
    checks = FieldChecks()
    with pytest.raises(RateLimited), checks:
        raise RateLimited("slow down", retry_after_seconds=3)
    checks.raise_any()  # nothing collected
