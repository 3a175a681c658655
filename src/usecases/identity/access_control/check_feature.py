"""The feature guard: ``await gate.execute(CheckFeature(actor=actor, key="trading"))`` refuses
a disabled feature for everyone (403 ``feature_disabled``) and a granted-only feature for
anyone not granted (403 ``feature_not_granted``). A key no feature carries is not managed."""

from __future__ import annotations

from dataclasses import dataclass

from domain.shared.actor import Actor
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CheckFeature:
    actor: Actor
    key: str


class CheckFeatureHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: CheckFeature) -> None:
        async with self._uow as uow:
            feature = await uow.features.by_key(cmd.key)
            if feature is None:
                return
            granted = cmd.actor.kind == "system"
            if feature.requires_grant and not granted and cmd.actor.user_id is not None:
                granted = await uow.features.is_granted(cmd.actor.user_id, feature.id)
        feature.check(granted=granted)
