"""Features: application modules operators switch on and off, or open to granted users only.

A disabled feature is refused for everyone. A feature that ``requires_grant`` is open only to
users granted access to it. A key no feature carries is not managed and stays open."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from typing import NewType
from uuid import UUID

from domain.identity.human_code import FEATURE_PREFIX, new_code
from domain.shared.errors import NotFound, PermissionDenied, invalid_field
from domain.shared.ids import new_uuid

FeatureId = NewType("FeatureId", UUID)
_KEY = re.compile(r"^[a-z][a-z0-9_]{1,47}$")


class FeatureNotFound(NotFound):
    code = "feature_not_found"
    title = "Feature not found"

    def __init__(self, code: str) -> None:
        super().__init__(f"No feature has the code {code!r}.")


class FeatureDisabled(PermissionDenied):
    code = "feature_disabled"
    title = "Feature disabled"

    def __init__(self, key: str) -> None:
        super().__init__(f"The {key} feature is switched off for everyone at the moment.")


class FeatureNotGranted(PermissionDenied):
    code = "feature_not_granted"
    title = "Feature not granted"

    def __init__(self, key: str) -> None:
        super().__init__(f"The {key} feature is open to granted users only.")


def clean_key(key: str) -> str:
    if not _KEY.match(key):
        raise invalid_field(
            "key", "2 to 48 lower-case letters, digits or underscores, starting with a letter"
        )
    return key


@dataclass(slots=True, kw_only=True)
class Feature:
    key: str
    name: str
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    enabled: bool = True
    requires_grant: bool = False
    id: FeatureId = field(default_factory=lambda: FeatureId(new_uuid()))
    code: str = field(default_factory=lambda: new_code(FEATURE_PREFIX))

    def check(self, *, granted: bool) -> None:
        """Raise unless someone (``granted`` or not) may use the feature now."""
        if not self.enabled:
            raise FeatureDisabled(self.key)
        if self.requires_grant and not granted:
            raise FeatureNotGranted(self.key)
