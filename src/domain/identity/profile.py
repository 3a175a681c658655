"""The basic details a person gives about themselves."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from domain.shared.errors import invalid_field
from domain.shared.field_checks import FieldChecks

MAX_NAME_LENGTH = 200
OLDEST_BIRTH_YEAR = 1900


@dataclass(frozen=True, slots=True, kw_only=True)
class Profile:
    full_name: str
    date_of_birth: date | None = None
    country: str | None = None  # ISO 3166-1 alpha-2, upper case

    def validated(self, *, today: date) -> Profile:
        """This profile tidied (name trimmed, country upper-cased), or a 422 naming the field."""
        checks = FieldChecks()  # every offending field in one refusal
        name = " ".join(self.full_name.split())
        with checks:
            if not name or len(name) > MAX_NAME_LENGTH:
                raise invalid_field("full_name", f"1 to {MAX_NAME_LENGTH} characters")
            if not any(ch.isalpha() for ch in name):
                raise invalid_field("full_name", "a name needs letters")
        if self.date_of_birth is not None and not (
            date(OLDEST_BIRTH_YEAR, 1, 1) <= self.date_of_birth <= today
        ):
            checks.add(invalid_field("date_of_birth", "must be a past date after 1900"))
        country = self.country.upper() if self.country is not None else None
        if country is not None and not (
            len(country) == 2 and country.isascii() and country.isalpha()
        ):
            checks.add(invalid_field("country", "an ISO 3166-1 alpha-2 code such as IN"))
        checks.raise_any()
        return Profile(full_name=name, date_of_birth=self.date_of_birth, country=country)
