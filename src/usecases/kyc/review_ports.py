"""Ports of the review queue, generic over the KYC steps: each step's submission is read,
listed and decided the same way (the persistence side keeps one registry entry per step)."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from domain.kyc.review import Decision
from domain.kyc.steps import Step, StepState
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest

# What a reviewer may see of a submission: masked numbers, names, dates, scores; never a raw
# identity number (the persistence registry names the columns per step).
Detail = str | int | float | None


@dataclass(frozen=True, slots=True, kw_only=True)
class Submission:
    user_id: UserId
    step: Step
    state: StepState
    reason: str | None
    submitted_at: datetime
    updated_at: datetime
    details: Mapping[str, Detail]


@dataclass(frozen=True, slots=True, kw_only=True)
class ReviewDecisionRecord:
    user_id: UserId
    step: Step
    decision: Decision
    reason: str | None
    note: str | None
    reviewer_id: UserId
    decided_at: datetime


class SubmissionRepository(Protocol):
    async def pending(self, step: Step | None, page: PageRequest) -> Page[Submission]:
        """Submissions in ``pending_review``, oldest submitted first."""
        ...

    async def get(self, user_id: UserId, step: Step) -> Submission | None: ...

    async def get_for_update(self, user_id: UserId, step: Step) -> Submission | None:
        """The submission, its row locked until the transaction ends (one decision at a time)."""
        ...

    async def set_state(
        self, user_id: UserId, step: Step, state: StepState, reason: str | None, at: datetime
    ) -> None: ...

    async def states(self, user_id: UserId) -> dict[Step, StepState]:
        """The state of every step the user has a record of (others are not started)."""
        ...


class ReviewDecisionRepository(Protocol):
    async def add(self, record: ReviewDecisionRecord) -> None: ...

    async def history(self, user_id: UserId, step: Step) -> list[ReviewDecisionRecord]:
        """Decisions on the user's step, newest first."""
        ...
