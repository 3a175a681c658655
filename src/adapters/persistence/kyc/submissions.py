"""Every step's submission read and decided the same way, through the step registry: the
review queue (one UNION ALL over the step tables, oldest first, keyset-paginated), one
submission, its row lock, its state, and a user's states for the level."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, datetime
from typing import Any, cast
from uuid import UUID

from sqlalchemy import Row, String, bindparam, literal, select, tuple_, union_all, update
from sqlalchemy.ext.asyncio import AsyncSession

from adapters.persistence.cursor import NOT_OURS, decode_keyset, encode_keyset
from adapters.persistence.kyc.step_registry import STEP_TABLES, StepTable
from domain.kyc.steps import Step, StepState
from domain.shared.errors import invalid_field
from domain.shared.ids import UserId
from domain.shared.pagination import Page, PageRequest
from usecases.kyc.review_ports import Detail, Submission

COMMON = ("user_id", "state", "reason", "submitted_at", "updated_at")

# A user's state in every step (the KYC level; every deposit and withdrawal asks), built once:
# the user is a bound parameter, so the statement's cache key is not recomputed per call.
_STATES = union_all(
    *(
        select(literal(step.value, String).label("step"), entry.column("state")).where(
            entry.column("user_id") == bindparam("user_id")
        )
        for step, entry in STEP_TABLES.items()
    )
)


QUEUE = "kyc-queue"


def queue_cursor(at: datetime, user_id: UUID, step: Step) -> str:
    return encode_keyset(QUEUE, (at, user_id, step.value))


def parse_queue_cursor(cursor: str) -> tuple[datetime, UUID, Step]:
    at, user_id, step = decode_keyset(QUEUE, cursor, (datetime, UUID, str))
    if step not in {s.value for s in Step}:
        raise invalid_field("cursor", NOT_OURS)
    return cast(datetime, at), cast(UUID, user_id), Step(str(step))


def _detail(value: Any) -> Detail:
    if isinstance(value, date):
        return value.isoformat()
    if value is None or isinstance(value, str | int | float):
        return value
    return str(value)


def _columns(entry: StepTable) -> list[Any]:
    return [entry.column(name) for name in (*COMMON, *entry.details)]


def _submission(step: Step, entry: StepTable, row: Row[Any]) -> Submission:
    values = row._mapping
    return Submission(
        user_id=UserId(values["user_id"]),
        step=step,
        state=StepState(values["state"]),
        reason=values["reason"],
        submitted_at=values["submitted_at"],
        updated_at=values["updated_at"],
        details={name: _detail(values[name]) for name in entry.details},
    )


class SqlSubmissionRepository:
    def __init__(self, session: AsyncSession) -> None:
        self._session = session

    async def pending(self, step: Step | None, page: PageRequest) -> Page[Submission]:
        steps = [step] if step is not None else list(STEP_TABLES)
        queue = union_all(
            *(
                select(
                    literal(s.value, String).label("step"),
                    STEP_TABLES[s].column("user_id").label("user_id"),
                    STEP_TABLES[s].column("submitted_at").label("submitted_at"),
                ).where(STEP_TABLES[s].column("state") == StepState.PENDING_REVIEW.value)
                for s in steps
            )
        ).subquery()
        key = tuple_(queue.c.submitted_at, queue.c.user_id, queue.c.step)
        query = select(queue.c.step, queue.c.user_id, queue.c.submitted_at)
        if page.cursor:
            at, user_id, after_step = parse_queue_cursor(page.cursor)
            query = query.where(
                key > tuple_(literal(at), literal(user_id), literal(after_step.value))
            )
        query = query.order_by(*key.clauses).limit(page.limit + 1)
        found = (await self._session.execute(query)).all()
        more = len(found) > page.limit
        found = found[: page.limit]
        loaded = await self._load([(Step(r.step), UserId(r.user_id)) for r in found])
        items = [loaded[(Step(r.step), UserId(r.user_id))] for r in found]
        last = found[-1] if found else None
        cursor = (
            queue_cursor(last.submitted_at, last.user_id, Step(last.step))
            if more and last is not None
            else None
        )
        return Page(items=items, next_cursor=cursor)

    async def _load(
        self, keys: Sequence[tuple[Step, UserId]]
    ) -> dict[tuple[Step, UserId], Submission]:
        loaded: dict[tuple[Step, UserId], Submission] = {}
        for step, entry in STEP_TABLES.items():
            ids = [user_id for s, user_id in keys if s is step]
            if not ids:
                continue
            rows = await self._session.execute(
                select(*_columns(entry)).where(entry.column("user_id").in_(ids))
            )
            for row in rows:
                submission = _submission(step, entry, row)
                loaded[(step, submission.user_id)] = submission
        return loaded

    async def get(self, user_id: UserId, step: Step) -> Submission | None:
        return await self._one(user_id, step, lock=False)

    async def get_for_update(self, user_id: UserId, step: Step) -> Submission | None:
        return await self._one(user_id, step, lock=True)

    async def _one(self, user_id: UserId, step: Step, *, lock: bool) -> Submission | None:
        entry = STEP_TABLES[step]
        query = select(*_columns(entry)).where(entry.column("user_id") == user_id)
        if lock:
            query = query.with_for_update()
        row = (await self._session.execute(query)).first()
        return None if row is None else _submission(step, entry, row)

    async def set_state(
        self, user_id: UserId, step: Step, state: StepState, reason: str | None, at: datetime
    ) -> None:
        entry = STEP_TABLES[step]
        await self._session.execute(
            update(entry.model)
            .where(entry.column("user_id") == user_id)
            .values(state=state.value, reason=reason, updated_at=at)
        )

    async def states(self, user_id: UserId) -> dict[Step, StepState]:
        rows = (await self._session.execute(_STATES, {"user_id": user_id})).all()
        return {Step(str(step)): StepState(str(state)) for step, state in rows}
