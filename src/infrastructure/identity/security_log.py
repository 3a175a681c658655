"""The structured security log: logger ``meridian.security``, one JSON line per event, with
who, what, where, and never a secret."""

from __future__ import annotations

import logging

from domain.identity.security_event import SecurityEvent

log = logging.getLogger("meridian.security")


class LoggingSecurityLog:
    def emit(self, event: SecurityEvent) -> None:
        device = event.device
        log.log(
            logging.INFO if event.succeeded else logging.WARNING,
            "security event %s",
            event.kind.value,
            extra={
                "security_event": event.kind.value,
                "event_id": str(event.id),
                "user_id": str(event.user_id) if event.user_id else None,
                "reason": event.reason,
                "identifier": event.identifier,
                "session_id": str(event.session_id) if event.session_id else None,
                "client_ip": device.ip if device else None,
                "device_id": device.device_id if device else None,
                "browser": device.agent.browser if device else None,
                "os": device.agent.os if device else None,
                "request_id": event.request_id,
                "occurred_at": event.occurred_at.isoformat(),
            },
        )
