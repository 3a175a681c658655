"""KYC level-3 investors for the deposit scenario, made as the demo investor is
(``infrastructure/demo/investor.py``): every KYC step through the use cases against the sandbox
providers, each investor with its own PAN, Aadhaar number and bank account (they are unique),
then signed in through the login use case for an access token."""

from __future__ import annotations

from datetime import date

from stdnum import verhoeff

from domain.identity.access import USER
from domain.shared.actor import Actor
from infrastructure.config.settings import Settings
from infrastructure.container import build_container
from infrastructure.database.resolve import resolve_database_url
from infrastructure.wiring import build_registry
from usecases.identity.administration.create_admin import CreateAdmin, CreateAdminHandler
from usecases.identity.authentication.login import Login, LoginHandler
from usecases.identity.public.authenticator import RequestOrigin
from usecases.kyc.request_aadhaar_otp import RequestAadhaarOtp, RequestAadhaarOtpHandler
from usecases.kyc.submit_aadhaar import SubmitAadhaar, SubmitAadhaarHandler
from usecases.kyc.submit_bank_account import SubmitBankAccount, SubmitBankAccountHandler
from usecases.kyc.submit_pan import SubmitPan, SubmitPanHandler
from usecases.kyc.verify_aadhaar_otp import VerifyAadhaarOtp, VerifyAadhaarOtpHandler

PASSWORD = "bench investor harbour lantern 42"  # noqa: S105  (a scratch database)
NAME = "Asha Verma"
IFSC = "HDFC0001098"  # a branch the sandbox resolves
SANDBOX_OTP = "123456"


def pan(i: int) -> str:
    return f"ACUPA{1000 + i:04d}R"  # R: the sandbox registers it to the name given


def aadhaar(i: int) -> str:
    body = f"2341{i + 1:07d}"  # 11 digits, then the Verhoeff check digit
    return body + verhoeff.calc_check_digit(body)


def account_number(i: int) -> str:
    return f"5010012{i:05d}21"  # ends in 21: the sandbox penny drop succeeds


async def seed_investors(count: int) -> list[str]:
    """``count`` new KYC-3 investors (fresh database: no idempotency); their access tokens."""
    settings = Settings()
    url = await resolve_database_url(settings)
    container = build_container(settings, url)
    tokens = []
    try:
        registry = build_registry(container)
        for i in range(count):
            email = f"investor-{i}@bench.meridian.dev"
            view = await registry.resolve(CreateAdminHandler).execute(
                CreateAdmin(
                    actor=Actor.system("bench-seed"),
                    email=email,
                    mobile=f"+9197000{i:05d}",
                    password=PASSWORD,
                    full_name=NAME,
                    super_admin=False,
                )
            )
            me = Actor(kind="user", user_id=view.id, roles=frozenset({USER}))
            await registry.resolve(SubmitPanHandler).execute(
                SubmitPan(actor=me, pan=pan(i), name=NAME)
            )
            await registry.resolve(SubmitAadhaarHandler).execute(
                SubmitAadhaar(
                    actor=me,
                    aadhaar_number=aadhaar(i),
                    name=NAME,
                    date_of_birth=date(1990, 4, 12),
                )
            )
            await registry.resolve(RequestAadhaarOtpHandler).execute(RequestAadhaarOtp(actor=me))
            await registry.resolve(VerifyAadhaarOtpHandler).execute(
                VerifyAadhaarOtp(actor=me, otp=SANDBOX_OTP)
            )
            await registry.resolve(SubmitBankAccountHandler).execute(
                SubmitBankAccount(actor=me, account_number=account_number(i), ifsc=IFSC)
            )
            outcome = await registry.resolve(LoginHandler).execute(
                Login(
                    identifier=email,
                    password=PASSWORD,
                    device_id=f"bench-investor-{i}",
                    origin=RequestOrigin(ip=None, user_agent="bench", request_id=None),
                )
            )
            assert outcome.tokens is not None, f"{email}: no tokens (two-factor required?)"
            tokens.append(outcome.tokens.access_token)
    finally:
        await container.aclose()
    return tokens
