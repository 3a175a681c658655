"""Messages to the user about their transfers: an operator failed a stuck one."""

from __future__ import annotations

from typing import Final

from domain.banking.transfers import Transfer, Withdrawal
from domain.shared.notification import Category, Channel, Notification, Recipient
from usecases.identity.public.user_directory import UserContact

TRANSFER_FAILED: Final = "banking.transfer_failed"
CHANNELS: Final = frozenset({Channel.EMAIL, Channel.IN_APP})


def transfer_failed_message(contact: UserContact, transfer: Transfer) -> Notification:
    is_withdrawal = isinstance(transfer, Withdrawal)
    return Notification(
        template=TRANSFER_FAILED,
        category=Category.TRANSACTIONS,
        recipient=Recipient(user_id=contact.user_id, email=contact.email),
        channels=CHANNELS,
        variables={
            "name": contact.name,
            "kind": "withdrawal" if is_withdrawal else "deposit",
            "amount": f"{transfer.amount:f}",
            "currency": transfer.currency,
            "reason": transfer.failure_reason or "",
            "released": "yes" if is_withdrawal else "",
        },
    )
