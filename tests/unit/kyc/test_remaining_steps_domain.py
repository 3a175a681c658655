"""Levels with the bank and business steps, the Aadhaar OTP rules, GSTIN-to-constitution
checks, business contacts, and the sandbox provider and bank rail's documented answers."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from decimal import Decimal
from uuid import uuid4

import pytest

from domain.kyc.aadhaar_otp import (
    AadhaarOtpBlocked,
    AadhaarOtpExpired,
    AadhaarOtpNotRequested,
    AadhaarOtpRules,
    check_otp_usable,
    count_wrong_otp,
    settle_otp,
    start_otp,
)
from domain.kyc.business import (
    Constitution,
    ContactChannel,
    GstinPanMismatch,
    check_gstin,
    mask_contact,
    parse_contact,
)
from domain.kyc.identity_numbers import Gstin
from domain.kyc.steps import AadhaarStep, StepState, kyc_level
from domain.shared.errors import ValidationFailed
from domain.shared.ids import UserId
from infrastructure.bank_rail.sandbox import FIXED_HOLDER, SandboxBankRail
from infrastructure.kyc.sandbox_provider import SandboxKycProvider
from usecases.banking.public import BankAccountNotFound, BankRailUnavailable
from usecases.kyc.ports import AadhaarOtpWrong, IfscUnknown, ProviderUnavailable

V, P, N, R = (
    StepState.VERIFIED,
    StepState.PENDING_REVIEW,
    StepState.NOT_STARTED,
    StepState.REJECTED,
)
NOW = datetime(2026, 11, 22, 12, tzinfo=UTC)
RULES = AadhaarOtpRules(ttl=timedelta(minutes=10), max_attempts=3)


@pytest.mark.parametrize(
    ("aadhaar", "pan", "bank", "business", "level"),
    [
        (V, V, N, N, 2),
        (V, V, V, N, 3),
        (V, V, V, P, 2),  # started business details must be verified too
        (V, V, V, R, 2),
        (V, V, V, V, 3),
        (P, V, V, V, 1),
        (V, N, V, V, 0),
    ],
)
def test_level_three_needs_the_bank_and_a_started_business(
    aadhaar: StepState, pan: StepState, bank: StepState, business: StepState, level: int
) -> None:
    assert kyc_level(aadhaar, pan, bank, business) == level


def aadhaar_step() -> AadhaarStep:
    return AadhaarStep(
        user_id=UserId(uuid4()),
        sealed_number="sealed",
        number_index="index",
        masked_number="XXXX XXXX 2346",
        name="Asha Verma",
        date_of_birth=date(1990, 4, 12),
        state=P,
        reason=None,
        submitted_at=NOW,
        updated_at=NOW,
    )


def test_an_otp_must_be_requested_is_blocked_after_the_limit_and_expires() -> None:
    step = aadhaar_step()
    with pytest.raises(AadhaarOtpNotRequested):
        check_otp_usable(step, RULES, now=NOW)
    start_otp(step, reference="ref", now=NOW)
    assert check_otp_usable(step, RULES, now=NOW) == "ref"
    assert [count_wrong_otp(step, RULES, now=NOW) for _ in range(3)] == [2, 1, 0]
    with pytest.raises(AadhaarOtpBlocked):
        check_otp_usable(step, RULES, now=NOW)
    start_otp(step, reference="again", now=NOW)
    with pytest.raises(AadhaarOtpExpired):
        check_otp_usable(step, RULES, now=NOW + timedelta(minutes=10))


def test_a_right_otp_verifies_only_when_the_providers_details_match() -> None:
    step = aadhaar_step()
    start_otp(step, reference="ref", now=NOW)
    settle_otp(step, name="ASHA VERMA", date_of_birth=date(1990, 4, 12), threshold=0.85, now=NOW)
    assert (step.state, step.reason, step.otp_reference) == (V, None, None)
    other = aadhaar_step()
    settle_otp(other, name="ASHA VERMA", date_of_birth=date(1991, 4, 12), threshold=0.85, now=NOW)
    assert (other.state, other.reason) == (R, "aadhaar_details_mismatch")


def test_the_gstin_pan_must_fit_the_constitution_and_a_proprietors_own_pan() -> None:
    proprietor = Gstin.parse("27ACUPA7085R1ZL")
    company = Gstin.parse("27AAACR5055K1Z7")
    check_gstin(proprietor, Constitution.PROPRIETORSHIP, own_pan="ACUPA7085R")
    check_gstin(proprietor, Constitution.PROPRIETORSHIP, own_pan=None)
    check_gstin(company, Constitution.PUBLIC_LIMITED, own_pan="ACUPA7085R")
    check_gstin(company, Constitution.OTHER, own_pan=None)
    with pytest.raises(GstinPanMismatch):
        check_gstin(proprietor, Constitution.PROPRIETORSHIP, own_pan="ABCPE1234R")
    with pytest.raises(GstinPanMismatch):
        check_gstin(company, Constitution.TRUST, own_pan=None)


def test_business_contacts_are_normalised_and_masked() -> None:
    assert parse_contact(ContactChannel.EMAIL, " Accounts@Sharma.Example ") == (
        "accounts@sharma.example"
    )
    assert parse_contact(ContactChannel.SMS, "98765 43210") == "+919876543210"
    assert parse_contact(ContactChannel.SMS, "+44 7700 900123") == "+447700900123"
    with pytest.raises(ValidationFailed):
        parse_contact(ContactChannel.SMS, "12345")
    with pytest.raises(ValidationFailed):
        parse_contact(ContactChannel.EMAIL, "nobody")
    assert mask_contact(ContactChannel.EMAIL, "accounts@sharma.example") == "a***@sharma.example"


async def test_the_sandbox_provider_answers_aadhaar_otps_and_ifscs_as_documented() -> None:
    provider = SandboxKycProvider()
    with pytest.raises(ProviderUnavailable):
        await provider.request_aadhaar_otp("999900001119")
    reference = await provider.request_aadhaar_otp("234123412346")
    with pytest.raises(AadhaarOtpWrong):
        await provider.verify_aadhaar_otp(
            reference, "654321", name="Asha", date_of_birth=date(1990, 1, 1)
        )
    record = await provider.verify_aadhaar_otp(
        reference, "123456", name="Asha", date_of_birth=date(1990, 1, 1)
    )
    assert (record.name, record.date_of_birth) == ("ASHA", date(1990, 1, 1))
    fixed = await provider.request_aadhaar_otp("999900002229")
    record = await provider.verify_aadhaar_otp(
        fixed, "123456", name="Asha", date_of_birth=date(1990, 1, 1)
    )
    assert (record.name, record.date_of_birth) == ("RAVI KUMAR SHARMA", date(1985, 1, 1))
    assert (await provider.lookup_ifsc("UTIB0002083")).bank == "AXIS BANK"
    with pytest.raises(IfscUnknown):
        await provider.lookup_ifsc("UTIB0009999")


async def test_the_sandbox_bank_rail_answers_by_the_last_four_digits() -> None:
    rail = SandboxBankRail()
    result = await rail.penny_drop("001234567890", "HDFC0001098", reference="r1", name="Priya")
    assert (result.holder_name, result.amount, result.reference) == ("PRIYA", Decimal("1.00"), "r1")
    fixed = await rail.penny_drop("123456780999", "HDFC0001098", reference="r2", name="Priya")
    assert fixed.holder_name == FIXED_HOLDER
    with pytest.raises(BankAccountNotFound):
        await rail.penny_drop("123456780404", "HDFC0001098", reference="r3")
    with pytest.raises(BankRailUnavailable):
        await rail.penny_drop("123456780503", "HDFC0001098", reference="r4")
