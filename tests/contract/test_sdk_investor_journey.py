"""The whole investor journey through the Python SDK generated from the live document, against a
real server: register with the codes received, log in with two-factor, KYC to level 3, link a
bank account, deposit, withdraw, read the history. No raw HTTP: every call is the SDK's; the test
plays the investor's inbox (the outbox) and the bank (the sandbox rail calling the webhook)."""

from __future__ import annotations

import time
from datetime import date
from types import ModuleType
from typing import Any

import httpx
import pyotp
import pytest
from sqlalchemy.ext.asyncio import AsyncEngine

from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.wiring.banking import rail_handler, sandbox_rail
from tests.api.banking.conftest import random_aadhaar, random_account_number, random_pan
from tests.contract.conftest import sdk
from tests.support.accounts import PASSWORD, Accounts
from tests.support.outbox import latest_variables
from usecases.banking.submit_rail_instructions import SubmitRailInstructions

pytestmark = pytest.mark.slow

WEBHOOK = "/api/v1/banking/webhooks/rail"


def api(name: str) -> ModuleType:
    context = name.split("_", 1)[0]
    return sdk(f"api.{context}.{name}")


async def call(name: str, expected: str, **arguments: Any) -> Any:
    """Call operation ``name`` and insist on its documented success model (a Problem fails the
    test with the server's own words; any other answer with its type only, as a success
    answer may carry tokens that test output must not show)."""
    answer = await api(name).asyncio(**arguments)
    assert type(answer).__name__ == expected, f"{name}: {said(answer)}"
    return answer


def said(answer: Any) -> str:
    """What a failure message may show of an answer: a problem's code and detail, else its type."""
    if type(answer).__name__ == "Problem":
        return f"{answer.code}: {answer.detail}"
    return f"a {type(answer).__name__}"


async def settle_with_the_bank(
    live_server: str, settings: Settings, database_url: str, engine: AsyncEngine
) -> int:
    """The bank's side: the rail job submits what is due and the sandbox calls our webhook."""
    container = build_container(settings, database_url, engine=engine)
    try:
        async with httpx.AsyncClient(base_url=live_server, timeout=10) as bank:
            rail = sandbox_rail(container, bank, WEBHOOK)
            taken = await rail_handler(container, rail).execute(SubmitRailInstructions())
            await rail.drain()
            return taken
    finally:
        await container.aclose()


async def test_an_investor_goes_from_registration_to_a_withdrawal_with_the_sdk(
    live_server: str,
    generated_sdk: str,
    engine: AsyncEngine,
    settings: Settings,
    database_url: str,
) -> None:
    m = sdk("models")
    email, mobile = Accounts.new_contacts()
    anonymous = sdk().Client(base_url=live_server)

    # Register: both codes from the inbox, then the basic details give a session.
    registration = await call(
        "identity_initiate_registration",
        "RegistrationRead",
        client=anonymous,
        body=m.RegistrationCreate(email=email, mobile=mobile, password=PASSWORD),
    )
    for channel, to in (("email", email), ("mobile", mobile)):
        code = (await latest_variables(engine, template="identity.registration_otp", to=to))["code"]
        await call(
            "identity_verify_registration_otp",
            "RegistrationRead",
            client=anonymous,
            body=m.RegistrationOtpCheckCreate(
                registration_id=registration.id,
                channel=m.RegistrationOtpCheckCreateChannel(channel),
                code=code,
            ),
        )
    completed = await call(
        "identity_complete_registration",
        "SignedInSessionRead",
        client=anonymous,
        body=m.RegistrationBasicInfoCreate(
            registration_id=registration.id, full_name="Priya Sharma", device_id="sdk-journey"
        ),
    )
    assert completed.user.email == email
    registered = sdk().AuthenticatedClient(
        base_url=live_server, token=completed.tokens.access_token
    )

    # Two-factor on, then a fresh login answers the challenge with the authenticator.
    enrollment = await call(
        "identity_enroll_two_factor", "TwoFactorEnrollmentRead", client=registered
    )
    authenticator = pyotp.TOTP(enrollment.secret)
    codes = await call(
        "identity_confirm_two_factor",
        "RecoveryCodesRead",
        client=registered,
        body=m.TwoFactorCodeCreate(code=authenticator.now()),
    )
    assert len(codes.recovery_codes) >= 8
    login = await call(
        "identity_log_in",
        "LoginRead",
        client=anonymous,
        body=m.LoginCreate(identifier=email, password=PASSWORD, device_id="sdk-journey"),
    )
    assert login.two_factor_required is True
    session = await call(
        "identity_verify_two_factor_login",
        "SignedInSessionRead",
        client=anonymous,
        # the next step's code: the current one was spent confirming, and codes are single-use
        body=m.TwoFactorLoginCreate(
            challenge_token=login.challenge_token, code=authenticator.at(time.time() + 30)
        ),
    )
    # the session carries the user: no extra /users/me call is needed
    assert session.user.email == email
    investor = sdk().AuthenticatedClient(base_url=live_server, token=session.tokens.access_token)

    # KYC to level 3: PAN, Aadhaar with its OTP (sandbox OTP 123456), the bank step.
    pan = await call(
        "kyc_submit_pan",
        "PanRead",
        client=investor,
        body=m.PanCreate(pan=random_pan(), name="Priya Sharma"),
    )
    assert pan.state.value == "verified"
    await call(
        "kyc_submit_aadhaar",
        "AadhaarRead",
        client=investor,
        body=m.AadhaarCreate(
            aadhaar_number=random_aadhaar(),
            name="Priya Sharma",
            date_of_birth=date(1990, 4, 12),
        ),
    )
    await call("kyc_request_aadhaar_otp", "AadhaarOtpRead", client=investor)
    aadhaar = await call(
        "kyc_verify_aadhaar_otp",
        "AadhaarRead",
        client=investor,
        body=m.AadhaarOtpCheckCreate(otp="123456"),
    )
    assert aadhaar.state.value == "verified"
    bank_step = await call(
        "kyc_submit_bank_account",
        "BankAccountRead",
        client=investor,
        body=m.BankAccountCreate(account_number=random_account_number(), ifsc="HDFC0001098"),
    )
    assert bank_step.state.value == "verified"

    # A second bank account for payouts.
    linked = await call(
        "banking_create_bank_account",
        "LinkedBankAccountRead",
        client=investor,
        body=m.LinkedBankAccountCreate(
            account_number=random_account_number(), ifsc="HDFC0001098", holder_name="Priya Sharma"
        ),
    )

    # Deposit 2,500.00; the bank settles it; withdraw 1,500.00 to the linked account.
    deposit = await call(
        "banking_create_deposit",
        "DepositRead",
        client=investor,
        body=m.DepositCreate(amount="2500.00", currency="INR", method=m.DepositMethod("upi")),
        idempotency_key="sdk-journey-deposit-1",
    )
    assert deposit.amount == "2500.00"
    # at least ours (the suite database may hold other tests' leftovers)
    assert await settle_with_the_bank(live_server, settings, database_url, engine) >= 1
    settled = await call(
        "banking_get_deposit", "DepositRead", client=investor, deposit_id=deposit.id
    )
    assert settled.state.value == "completed"

    withdrawal = await call(
        "banking_create_withdrawal",
        "WithdrawalRead",
        client=investor,
        body=m.WithdrawalCreate(amount="1500.00", currency="INR", bank_account_id=linked.id),
        idempotency_key="sdk-journey-withdrawal-1",
    )
    assert withdrawal.amount == "1500.00"
    # Retrying with the same key replays the same withdrawal instead of paying twice.
    again = await call(
        "banking_create_withdrawal",
        "WithdrawalRead",
        client=investor,
        body=m.WithdrawalCreate(amount="1500.00", currency="INR", bank_account_id=linked.id),
        idempotency_key="sdk-journey-withdrawal-1",
    )
    assert again.id == withdrawal.id

    # History: the deposit credit and the withdrawal hold, newest first, with balances.
    history = await call("ledger_list_transactions", "TransactionPage", client=investor)
    amounts = [item.amount for item in history.items]
    assert "2500.00" in amounts, amounts
    balances = await call("ledger_list_balances", "BalancePage", client=investor)
    inr = next(b for b in balances.items if b.asset == "INR")
    assert (inr.posted, inr.held, inr.available) == ("2500.00", "1500.00", "1000.00")
