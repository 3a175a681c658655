"""Checking several fields before refusing any: a form with two bad fields is told about both
in one answer, not one a round trip.

```python
checks = FieldChecks()
email = checks.take(contacts.email, cmd.email, field="email")  # None if refused
with checks:
    await rules.ensure_acceptable(cmd.password, field="password")
checks.raise_any()  # every refusal so far, merged; nothing if none
```

Only ``ValidationFailed`` is collected; any other error (a rate limit, a conflict) still
propagates at once."""

from __future__ import annotations

from collections.abc import Callable
from types import TracebackType
from typing import ParamSpec, TypeVar

from domain.shared.errors import ValidationFailed, merged

P = ParamSpec("P")
T = TypeVar("T")


class FieldChecks:
    def __init__(self) -> None:
        self._failures: list[ValidationFailed] = []

    def take(self, check: Callable[P, T], /, *args: P.args, **kwargs: P.kwargs) -> T | None:
        """``check(*args, **kwargs)``, or ``None`` (the refusal kept) if it refuses."""
        try:
            return check(*args, **kwargs)
        except ValidationFailed as failure:
            self._failures.append(failure)
            return None

    def add(self, failure: ValidationFailed) -> None:
        """A refusal found without raising: ``checks.add(invalid_field("country", ...))``."""
        self._failures.append(failure)

    def __enter__(self) -> FieldChecks:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> bool:
        if isinstance(error, ValidationFailed):
            self._failures.append(error)
            return True
        return False

    @property
    def failed(self) -> bool:
        return bool(self._failures)

    def raise_any(self) -> None:
        if self._failures:
            raise merged(self._failures)
