"""Branches: the offices users belong to. Removed branches are kept (soft delete)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime
from typing import NewType
from uuid import UUID

from domain.identity.human_code import BRANCH_PREFIX, new_code
from domain.shared.errors import Conflict, NotFound, invalid_field
from domain.shared.ids import new_uuid

BranchId = NewType("BranchId", UUID)
MAX_NAME = 120
MAX_DESCRIPTION = 500


class BranchNotFound(NotFound):
    code = "branch_not_found"
    title = "Branch not found"

    def __init__(self, code: str) -> None:
        super().__init__(f"No branch has the code {code!r}.")


class BranchHasUsers(Conflict):
    code = "branch_has_users"
    title = "Branch still has users"

    def __init__(self, count: int) -> None:
        super().__init__(f"{count} user(s) belong to this branch: move them before removing it.")


def clean_name(name: str, field: str = "name") -> str:
    tidy = " ".join(name.split())
    if not tidy or len(tidy) > MAX_NAME:
        raise invalid_field(field, f"1 to {MAX_NAME} characters")
    return tidy


def clean_description(text: str | None) -> str | None:
    if text is None:
        return None
    tidy = text.strip()
    if len(tidy) > MAX_DESCRIPTION:
        raise invalid_field("description", f"at most {MAX_DESCRIPTION} characters")
    return tidy or None


@dataclass(slots=True, kw_only=True)
class Branch:
    name: str
    created_at: datetime
    updated_at: datetime
    description: str | None = None
    id: BranchId = field(default_factory=lambda: BranchId(new_uuid()))
    code: str = field(default_factory=lambda: new_code(BRANCH_PREFIX))
    deleted_at: datetime | None = None

    @property
    def is_deleted(self) -> bool:
        return self.deleted_at is not None

    def update(
        self, *, name: str | None, description: str | None, clear_description: bool, now: datetime
    ) -> None:
        if name is not None:
            self.name = clean_name(name)
        if clear_description:
            self.description = None
        elif description is not None:
            self.description = clean_description(description)
        self.updated_at = now

    def remove(self, *, users: int, now: datetime) -> None:
        if users:
            raise BranchHasUsers(users)
        self.deleted_at = now
        self.updated_at = now
