"""After a step changes state: recompute the user's overall level and write it onto the user,
in the same transaction as the change (called by every use case that moves a step).

The user's row is locked before the states are read: two changes to different steps of one
user (a reviewer's approval and a PAN verification at the same moment) then recompute one after
the other, each seeing the other's committed state."""

from __future__ import annotations

from dataclasses import dataclass

from domain.kyc.levels import level_of
from domain.shared.ids import UserId
from usecases.kyc.ports import KycUnitOfWork


@dataclass(frozen=True, slots=True)
class LevelChange:
    before: int | None  # None: the user row was not found (nothing written)
    after: int


async def sync_level(uow: KycUnitOfWork, user_id: UserId) -> LevelChange:
    await uow.flush()  # the step just saved counts
    before = await uow.levels.lock(user_id)
    level = level_of(await uow.submissions.states(user_id))
    if before is not None and before != level:
        await uow.levels.set_level(user_id, level)
    return LevelChange(before, level)
