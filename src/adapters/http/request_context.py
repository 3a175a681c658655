"""Per-request context visible to logging: the request id and, once known, the user id."""

from __future__ import annotations

import re
import secrets
from contextvars import ContextVar
from typing import Final

request_id_var: ContextVar[str | None] = ContextVar("request_id", default=None)
user_id_var: ContextVar[str | None] = ContextVar("user_id", default=None)

REQUEST_ID_HEADER: Final = "X-Request-ID"
_ACCEPTABLE_ID = re.compile(r"[A-Za-z0-9._:-]{1,128}")


def accept_or_new_request_id(incoming: str | None) -> str:
    """Reuse a well-formed incoming id (so traces join up), otherwise mint one."""
    if incoming and _ACCEPTABLE_ID.fullmatch(incoming):
        return incoming
    return secrets.token_hex(16)
