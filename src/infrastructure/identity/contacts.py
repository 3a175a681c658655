"""Email addresses (email-validator, syntax only) and mobile numbers (phonenumbers, to E.164)."""

from __future__ import annotations

import phonenumbers
from email_validator import EmailNotValidError, validate_email
from phonenumbers import NumberParseException, PhoneNumberFormat, PhoneNumberType

from domain.shared.errors import invalid_field

MAX_EMAIL_LENGTH = 254
MAX_PHONE_INPUT = 32
MOBILE_TYPES = frozenset({PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE_OR_MOBILE})


class ContactValidator:
    def __init__(self, *, default_region: str) -> None:
        self._region = default_region

    def email(self, raw: str, *, field: str) -> str:
        if len(raw) > MAX_EMAIL_LENGTH:
            raise invalid_field(field, "too long for an email address", code="invalid_email")
        try:
            checked = validate_email(raw.strip(), check_deliverability=False)
        except EmailNotValidError as exc:
            raise invalid_field(field, str(exc), code="invalid_email") from None
        return str(checked.normalized).lower()

    def phone(self, raw: str, *, field: str) -> str:
        if len(raw) > MAX_PHONE_INPUT:
            raise invalid_field(field, "too long for a phone number", code="invalid_phone")
        try:
            number = phonenumbers.parse(raw, self._region)
        except NumberParseException:
            raise invalid_field(
                field, "not a phone number; use E.164 such as +919876543210", code="invalid_phone"
            ) from None
        if not phonenumbers.is_valid_number(number):
            raise invalid_field(field, "not a valid phone number", code="invalid_phone")
        if phonenumbers.number_type(number) not in MOBILE_TYPES:
            raise invalid_field(field, "must be a mobile number", code="invalid_phone")
        return str(phonenumbers.format_number(number, PhoneNumberFormat.E164))
