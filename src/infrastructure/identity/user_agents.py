"""User-agent strings parsed with ua-parser into browser, OS and device family."""

from __future__ import annotations

from functools import lru_cache
from typing import Final

from ua_parser import parse

from domain.identity.device import UserAgent

MAX_USER_AGENT: Final = 512


@lru_cache(maxsize=1024)
def _parse(raw: str) -> UserAgent:
    result = parse(raw)
    browser = result.user_agent.family if result.user_agent else None
    if browser and result.user_agent and result.user_agent.major:
        browser = f"{browser} {result.user_agent.major}"
    os_name = result.os.family if result.os else None
    device = result.device.family if result.device else None
    return UserAgent(
        raw=raw,
        browser=None if browser in (None, "Other") else browser,
        os=None if os_name in (None, "Other") else os_name,
        device=None if device in (None, "Other") else device,
    )


class UaParser:
    def parse(self, raw: str | None) -> UserAgent:
        if not raw:
            return UserAgent()
        return _parse(raw[:MAX_USER_AGENT])
