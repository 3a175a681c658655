"""Golden values from ../shared/TEST_VECTORS.md (Aadhaar, PAN, IFSC)."""

import pytest

from domain.kyc.identity_numbers import (
    AadhaarNumber,
    BankAccountNumber,
    Gstin,
    Ifsc,
    Pan,
    PanHolder,
)
from domain.shared.errors import ValidationFailed


def test_a_valid_aadhaar_is_kept_and_shown_masked() -> None:
    number = AadhaarNumber.parse("2341 2341 2346")
    assert number.value == "234123412346"
    assert number.masked == "XXXX XXXX 2346"
    assert "234123412346" not in repr(number)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("234123412347", "invalid_checksum"),
        ("643343121", "invalid_length"),
        ("123412341234", "invalid_format"),  # starts with 1, although Verhoeff-valid
        ("222222222222", "invalid_format"),  # a palindrome
    ],
)
def test_invalid_aadhaar_numbers_are_refused_naming_field_and_reason(raw: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        AadhaarNumber.parse(raw)
    [error] = caught.value.errors
    assert (error.field, error.code) == ("aadhaar_number", code)
    assert raw not in caught.value.detail


def test_a_pan_names_its_holder_type() -> None:
    number = Pan.parse("ACUPA7085R")
    assert number.holder is PanHolder.P
    assert number.holder.value == "individual"
    assert number.masked == "XXXXXX085R"


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        ("ABMXA3211G", "invalid_component"),  # X is no holder type
        ("ABMPA32111", "invalid_format"),
        ("ABMPA0000A", "invalid_component"),  # serial 0000
    ],
)
def test_invalid_pans_are_refused(raw: str, code: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        Pan.parse(raw)
    assert caught.value.errors[0].code == code


@pytest.mark.parametrize("raw", ["UTIB0002083", "HDFC0001098", "ICIC00JKUCB", "utib0002083"])
def test_valid_ifsc_codes(raw: str) -> None:
    assert Ifsc.parse(raw).bank_code == raw[:4].upper()


@pytest.mark.parametrize("raw", ["UTIB1002083", "UTI0002083", ""])
def test_ifsc_codes_of_the_wrong_shape_are_refused(raw: str) -> None:
    with pytest.raises(ValidationFailed) as caught:
        Ifsc.parse(raw)
    assert caught.value.errors[0].field == "ifsc"


def test_a_gstin_carries_its_pan_and_a_check_character() -> None:
    assert Gstin.parse("27AAPFU0939F1ZV").pan == "AAPFU0939F"
    with pytest.raises(ValidationFailed) as caught:
        Gstin.parse("27AAPFU0939F1ZW")
    assert caught.value.errors[0].code == "invalid_checksum"


def test_bank_account_numbers_are_digits_and_shown_masked() -> None:
    account = BankAccountNumber.parse("1234-5678 7890")
    assert account.value == "123456787890"
    assert account.masked == "XXXXXX7890"
    assert "123456787890" not in repr(account)
    with pytest.raises(ValidationFailed):
        BankAccountNumber.parse("12AB5678")
