"""In-memory fakes of the KYC ports for use-case unit tests: step states per user, decisions,
the level written onto the user, notifications and audit records."""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import replace
from datetime import UTC, datetime
from types import TracebackType
from typing import Any, Self

from domain.kyc.steps import Step, StepState
from domain.shared.audit import AuditRecord
from domain.shared.ids import UserId, new_uuid
from domain.shared.notification import Notification
from domain.shared.pagination import Page, PageRequest
from usecases.identity.public.user_directory import UserContact
from usecases.kyc.review_ports import ReviewDecisionRecord, Submission

AT = datetime(2026, 1, 1, tzinfo=UTC)


def new_user() -> UserId:
    return UserId(new_uuid())


class World:
    def __init__(self) -> None:
        self.submissions: dict[tuple[UserId, Step], Submission] = {}
        self.decisions: list[ReviewDecisionRecord] = []
        self.levels: dict[UserId, int] = {}
        self.sent: list[Notification] = []
        self.audited: list[AuditRecord] = []
        self.contacts: dict[UserId, UserContact] = {}

    def add_user(self, name: str = "Asha Verma") -> UserId:
        user_id = new_user()
        code = f"USR-{len(self.contacts):06d}"
        self.contacts[user_id] = UserContact(
            user_id=user_id, code=code, name=name, email=f"{code.lower()}@example.com"
        )
        self.levels[user_id] = 0
        return user_id

    def submit(self, user_id: UserId, step: Step, state: StepState) -> None:
        self.submissions[(user_id, step)] = Submission(
            user_id=user_id,
            step=step,
            state=state,
            reason=None,
            submitted_at=AT,
            updated_at=AT,
            details={"masked": "XXXX"},
        )

    def state(self, user_id: UserId, step: Step) -> StepState:
        return self.submissions[(user_id, step)].state


class FakeSubmissions:
    def __init__(self, world: World) -> None:
        self.world = world

    async def pending(self, step: Step | None, page: PageRequest) -> Page[Submission]:
        items = [
            s
            for s in self.world.submissions.values()
            if s.state is StepState.PENDING_REVIEW and step in (None, s.step)
        ]
        return Page(items=items[: page.limit])

    async def get(self, user_id: UserId, step: Step) -> Submission | None:
        return self.world.submissions.get((user_id, step))

    async def get_for_update(self, user_id: UserId, step: Step) -> Submission | None:
        return self.world.submissions.get((user_id, step))

    async def set_state(
        self, user_id: UserId, step: Step, state: StepState, reason: str | None, at: datetime
    ) -> None:
        current = self.world.submissions[(user_id, step)]
        self.world.submissions[(user_id, step)] = replace(
            current, state=state, reason=reason, updated_at=at
        )

    async def states(self, user_id: UserId) -> dict[Step, StepState]:
        return {s.step: s.state for (u, _), s in self.world.submissions.items() if u == user_id}


class FakeDecisions:
    def __init__(self, world: World) -> None:
        self.world = world

    async def add(self, record: ReviewDecisionRecord) -> None:
        self.world.decisions.append(record)

    async def history(self, user_id: UserId, step: Step) -> list[ReviewDecisionRecord]:
        return [d for d in reversed(self.world.decisions) if (d.user_id, d.step) == (user_id, step)]


class FakeLevels:
    def __init__(self, world: World) -> None:
        self.world = world

    async def lock(self, user_id: UserId) -> int | None:
        return self.world.levels.get(user_id)

    async def set_level(self, user_id: UserId, level: int) -> None:
        self.world.levels[user_id] = level


class FakeNotifier:
    def __init__(self, world: World) -> None:
        self.world = world

    async def notify(self, notification: Notification) -> None:
        self.world.sent.append(notification)


class FakeKycUnitOfWork:
    """Only what the review and gate use cases touch; changes apply at once (no rollback)."""

    def __init__(self, world: World) -> None:
        self.world = world
        self.submissions = FakeSubmissions(world)
        self.decisions = FakeDecisions(world)
        self.levels = FakeLevels(world)
        self.notifier = FakeNotifier(world)
        self.commits = 0
        self._audit: list[AuditRecord] = []

    @property
    def aadhaar(self) -> Any:
        raise NotImplementedError

    @property
    def pan(self) -> Any:
        raise NotImplementedError

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self._audit = []

    async def flush(self) -> None:
        return None

    async def commit(self) -> None:
        assert self._audit, "commit without an audit record"
        self.world.audited += self._audit
        self._audit = []
        self.commits += 1

    async def rollback(self) -> None:
        self._audit = []

    def record(self, event: object) -> None:
        return None

    def audit(self, record: AuditRecord) -> None:
        self._audit.append(record)


class FakeDirectory:
    def __init__(self, world: World) -> None:
        self.world = world

    async def user_id_for_code(self, code: str) -> UserId | None:
        return next((c.user_id for c in self.world.contacts.values() if c.code == code), None)

    async def codes_for(self, user_ids: Collection[UserId]) -> dict[UserId, str]:
        return {u: self.world.contacts[u].code for u in user_ids if u in self.world.contacts}

    async def contact(self, user_id: UserId) -> UserContact | None:
        return self.world.contacts.get(user_id)
