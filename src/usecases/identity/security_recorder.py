"""One call puts a security event in the login activity store and the security log."""

from __future__ import annotations

from domain.identity.security_event import SecurityEvent
from usecases.identity.ports import IdentityUnitOfWork, SecurityLog


class SecurityRecorder:
    def __init__(self, log: SecurityLog) -> None:
        self._log = log

    async def record(self, uow: IdentityUnitOfWork, event: SecurityEvent) -> None:
        await uow.login_activity.add(event)
        self._log.emit(event)
