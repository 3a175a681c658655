"""Every feature, by key."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import FEATURES_READ
from domain.shared.actor import Actor
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.views import FeatureView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListFeatures:
    actor: Actor


class ListFeaturesHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListFeatures) -> tuple[FeatureView, ...]:
        authorize(cmd.actor, FEATURES_READ)
        async with self._uow as uow:
            return tuple(FeatureView.of(f) for f in await uow.features.all())
