"""Sending the business contact its one-time code (through the shared code service and our
own notifier, so the message exists only if the step's change commits)."""

from __future__ import annotations

from domain.kyc.business import BusinessStep, ContactChannel, ContactCodeThrottled
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.identity.public.one_time_codes import CodeThrottled, OneTimeCodeService
from usecases.kyc.ports import KycUnitOfWork

TEMPLATE = "kyc.business_contact_otp"


def code_subject(step: BusinessStep) -> str:
    return f"kyc_business:{step.user_id}"


async def send_contact_code(
    uow: KycUnitOfWork, codes: OneTimeCodeService, step: BusinessStep
) -> None:
    try:
        issued = await codes.issue(destination=step.contact, subject=code_subject(step))
    except CodeThrottled as throttled:
        raise ContactCodeThrottled(throttled.retry_after_seconds) from None
    email = step.contact_channel is ContactChannel.EMAIL
    await uow.notifier.notify(
        Notification(
            template=TEMPLATE,
            category=Category.SECURITY,
            recipient=Recipient(
                user_id=step.user_id,
                email=step.contact if email else None,
                phone=None if email else step.contact,
            ),
            channels=frozenset({Channel.EMAIL if email else Channel.SMS}),
            variables={
                "code": issued.code,
                "minutes": str(issued.ttl_seconds // 60),
                "legal_name": step.legal_name,
            },
            secret_variables=frozenset({"code"}),
        )
    )
