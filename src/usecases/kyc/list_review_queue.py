"""Use case: the reviewers' queue — KYC submissions waiting in ``pending_review``, oldest
first, optionally for one step, a page at a time, with the user's code and masked details."""

from __future__ import annotations

from dataclasses import dataclass, field

from domain.kyc.steps import Step
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.public.user_directory import UserDirectory
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.review_access import reviewer
from usecases.kyc.review_ports import Submission


@dataclass(frozen=True, slots=True)
class QueueItem:
    user_code: str
    submission: Submission


@dataclass(frozen=True, slots=True, kw_only=True)
class ListReviewQueue:
    actor: Actor
    step: Step | None = None
    page: PageRequest = field(default_factory=PageRequest)


class ListReviewQueueHandler:
    def __init__(self, uow: KycUnitOfWork, users: UserDirectory) -> None:
        self._uow = uow
        self._users = users

    async def execute(self, cmd: ListReviewQueue) -> Page[QueueItem]:
        reviewer(cmd.actor)
        async with self._uow as uow:
            page = await uow.submissions.pending(cmd.step, cmd.page)
        codes = await self._users.codes_for({s.user_id for s in page.items})
        items = [QueueItem(codes[s.user_id], s) for s in page.items if s.user_id in codes]
        return Page(items=items, next_cursor=page.next_cursor)
