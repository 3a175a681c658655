"""Demo investor: a verified user who walked every KYC step through the use cases against the
sandbox provider and bank rail, with a first deposit settled at once by the sandbox rail's
signed event through the webhook use case, and dollars bought from it through a real FX quote
and conversion (``demo/fx.py``), so the demo can trade USD instruments (development only).
Signs in with the demo password."""

from __future__ import annotations

import os
from datetime import date

from domain.banking.transfers import DepositMethod
from domain.identity.access import USER
from domain.shared.actor import Actor
from domain.shared.errors import Conflict
from infrastructure.container import Container
from infrastructure.demo.fx import buy_dollars, settle_deposit
from infrastructure.demo.identity import DEFAULT_DEMO_PASSWORD, DEMO_PASSWORD_ENV
from infrastructure.demo.seeders import Seeder
from infrastructure.wiring import build_registry
from usecases.banking.request_deposit import RequestDeposit, RequestDepositHandler
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtp, RequestAadhaarOtpHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaar, SubmitAadhaarHandler
from usecases.kyc.submit_bank_account import SubmitBankAccount, SubmitBankAccountHandler
from usecases.kyc.submit_pan import SubmitPan, SubmitPanHandler
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtp, VerifyAadhaarOtpHandler

DEMO_INVESTOR_EMAIL = "investor@demo.meridian.dev"
DEMO_INVESTOR_MOBILE = "+919000000002"
DEMO_INVESTOR_NAME = "Asha Verma"
# Numbers the sandboxes verify (docs/kyc.md), but none the docs use as examples: a newcomer
# following the docs on the demo platform must not meet "already registered to another account".
DEMO_PAN = "AKMPV4521Q"
DEMO_AADHAAR = "527183649052"  # Verhoeff-valid
DEMO_ACCOUNT = "50100987654321"
DEMO_IFSC = "HDFC0001098"
SANDBOX_OTP = "123456"
DEMO_DEPOSIT = "250000.00"


async def seed_demo_investor(container: Container) -> int:
    if container.settings.is_production:
        raise RuntimeError("demo data is never loaded in production")
    registry = build_registry(container)
    try:
        view = await registry.resolve(CreateAdminHandler).execute(
            CreateAdmin(
                actor=Actor.system("seed-demo"),
                email=DEMO_INVESTOR_EMAIL,
                mobile=DEMO_INVESTOR_MOBILE,
                password=os.environ.get(DEMO_PASSWORD_ENV, DEFAULT_DEMO_PASSWORD),
                full_name=DEMO_INVESTOR_NAME,
                super_admin=False,
            )
        )
    except Conflict:  # already there: seeding is idempotent
        return 0
    me = Actor(kind="user", user_id=view.id, roles=frozenset({USER}))
    await registry.resolve(SubmitPanHandler).execute(
        SubmitPan(actor=me, pan=DEMO_PAN, name=DEMO_INVESTOR_NAME)
    )
    await registry.resolve(SubmitAadhaarHandler).execute(
        SubmitAadhaar(
            actor=me,
            aadhaar_number=DEMO_AADHAAR,
            name=DEMO_INVESTOR_NAME,
            date_of_birth=date(1990, 4, 12),
        )
    )
    await registry.resolve(RequestAadhaarOtpHandler).execute(RequestAadhaarOtp(actor=me))
    await registry.resolve(VerifyAadhaarOtpHandler).execute(
        VerifyAadhaarOtp(actor=me, otp=SANDBOX_OTP)
    )
    await registry.resolve(SubmitBankAccountHandler).execute(
        SubmitBankAccount(actor=me, account_number=DEMO_ACCOUNT, ifsc=DEMO_IFSC)
    )
    deposit = await registry.resolve(RequestDepositHandler).execute(
        RequestDeposit(actor=me, amount=DEMO_DEPOSIT, currency="INR", method=DepositMethod.NEFT)
    )
    assert deposit.value is not None  # no idempotency key: always a fresh deposit
    await settle_deposit(container, registry, deposit.value)
    await buy_dollars(registry, me)
    return 1


DEMO_INVESTOR = Seeder(name="kyc: demo investor at KYC level 3", run=seed_demo_investor)
