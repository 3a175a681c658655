"""Messages to the user about their KYC: a reviewer's decision on a step."""

from __future__ import annotations

from typing import Final

from domain.kyc.review import REJECTION_REASONS, Decision
from domain.kyc.steps import Step
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.identity.public.user_directory import UserContact

APPROVED: Final = "kyc.step_approved"
REJECTED: Final = "kyc.step_rejected"
CHANNELS: Final = frozenset({Channel.EMAIL, Channel.IN_APP})
STEP_LABELS: Final[dict[Step, str]] = {Step.AADHAAR: "Aadhaar", Step.PAN: "PAN"}


def step_label(step: Step) -> str:
    return STEP_LABELS.get(step, step.value.replace("_", " ").capitalize())


def decision_message(
    contact: UserContact,
    step: Step,
    decision: Decision,
    *,
    level: int,
    reason: str | None,
    note: str | None,
) -> Notification:
    variables = {"name": contact.name, "step": step_label(step), "level": str(level)}
    if decision is Decision.REJECT and reason is not None:
        variables |= {
            "reason": reason,
            "reason_text": REJECTION_REASONS[reason],
            "note": note or "",
        }
    return Notification(
        template=APPROVED if decision is Decision.APPROVE else REJECTED,
        category=Category.ACCOUNT,
        recipient=Recipient(user_id=contact.user_id, email=contact.email),
        channels=CHANNELS,
        variables=variables,
    )
