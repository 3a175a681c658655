"""One call puts a security event in the login activity store, the security log and the
audit trail (all in the caller's transaction but the log line)."""

from __future__ import annotations

from domain.identity.security_event import SecurityEvent
from domain.shared.actor import Actor
from domain.shared.audit import AuditRecord
from usecases.identity.ports import IdentityUnitOfWork, SecurityLog


def audit_record(event: SecurityEvent) -> AuditRecord:
    device = event.device
    actor = Actor(
        kind="user" if event.user_id else "anonymous",
        user_id=event.user_id,
        ip=device.ip if device else None,
        user_agent=device.agent.raw if device else None,
        request_id=event.request_id,
    )
    details: dict[str, object] = {
        "outcome": "succeeded" if event.succeeded else "failed",
        "reason": event.reason,
        "identifier": event.identifier,
        "session_id": str(event.session_id) if event.session_id else None,
        "device": device.agent.label if device else None,
        "risk_score": event.risk.score if event.risk else None,
        "risk_reasons": list(event.risk.reasons) if event.risk and event.risk.hits else None,
    }
    return AuditRecord(
        action=f"identity.{event.kind.value}",
        actor=actor,
        resource_type="user",
        resource_id=str(event.user_id) if event.user_id else None,
        after={k: v for k, v in details.items() if v is not None},
    )


class SecurityRecorder:
    def __init__(self, log: SecurityLog) -> None:
        self._log = log

    async def record(self, uow: IdentityUnitOfWork, event: SecurityEvent) -> None:
        await uow.login_activity.add(event)
        uow.audit(audit_record(event))
        self._log.emit(event)
