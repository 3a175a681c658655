"""Sensitive values never reach the audit trail: they are replaced before anything is written."""

from __future__ import annotations

import re
from typing import Any, Final

REDACTED: Final = "[redacted]"
_SENSITIVE = re.compile(
    r"password|secret|token|otp|code_hash|recovery|totp|aadhaar|account_number|cvv|pin$|api_key",
    re.IGNORECASE,
)


def is_sensitive(field: str) -> bool:
    return bool(_SENSITIVE.search(field))


def redact(changes: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {
        name: (
            {
                "before": REDACTED if v.get("before") is not None else None,
                "after": REDACTED if v.get("after") is not None else None,
            }
            if is_sensitive(name)
            else v
        )
        for name, v in changes.items()
    }
