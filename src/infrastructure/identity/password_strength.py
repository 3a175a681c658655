"""Password strength with zxcvbn (pattern matching and guess estimation) and its list of the
30,000 most common passwords. Runs in a worker thread: estimation is CPU work."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any, Final

from zxcvbn import zxcvbn  # type: ignore[import-untyped]
from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore[import-untyped]

from usecases.identity.passwords.ports import StrengthVerdict

# zxcvbn's cost grows quickly with length; longer passwords are judged on this many characters
# (a prefix that is strong makes the whole strong).
ANALYSED_CHARACTERS: Final = 128


class ZxcvbnPasswordStrength:
    def __init__(self) -> None:
        self._common = frozenset(FREQUENCY_LISTS["passwords"])

    async def assess(self, password: str, *, hints: Sequence[str]) -> StrengthVerdict:
        return await asyncio.to_thread(self._assess, password, list(hints))

    def _assess(self, password: str, hints: list[str]) -> StrengthVerdict:
        sample = password[:ANALYSED_CHARACTERS]
        result: dict[str, Any] = zxcvbn(sample, user_inputs=hints, max_length=len(sample) or 1)
        feedback = result.get("feedback") or {}
        return StrengthVerdict(
            score=int(result["score"]),
            common=password.lower() in self._common,
            warning=str(feedback.get("warning") or "") or None,
            suggestions=tuple(str(s) for s in feedback.get("suggestions") or ()),
        )
