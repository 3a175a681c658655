"""Counting a failed login (password or second factor) and locking the account at the limit."""

from __future__ import annotations

from datetime import datetime

from domain.identity.device import DeviceInfo
from domain.identity.lockout import LockoutPolicy
from domain.identity.security_event import SecurityEvent, SecurityEventKind
from domain.identity.user import User
from usecases.identity import messages
from usecases.identity.ports import IdentityUnitOfWork
from usecases.identity.security_recorder import SecurityRecorder


class Lockouts:
    def __init__(self, policy: LockoutPolicy, recorder: SecurityRecorder) -> None:
        self._policy = policy
        self._recorder = recorder

    async def count_failure(
        self,
        uow: IdentityUnitOfWork,
        user: User,
        *,
        device: DeviceInfo,
        now: datetime,
        request_id: str | None,
    ) -> None:
        """``user`` must be row-locked. The owner is told when this failure locks them out."""
        if user.record_failed_login(now, self._policy):
            await uow.notifier.notify(messages.account_locked(user, until=user.locked_until or now))
            await self._recorder.record(
                uow,
                SecurityEvent(
                    kind=SecurityEventKind.ACCOUNT_LOCKED,
                    occurred_at=now,
                    user_id=user.id,
                    reason="too_many_failures",
                    device=device,
                    request_id=request_id,
                ),
            )
        await uow.users.save(user)
