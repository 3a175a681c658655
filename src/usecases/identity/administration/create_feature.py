"""Register a feature (an application module) under a key such as ``trading``."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import FEATURES_MANAGE
from domain.identity.branch import clean_description, clean_name
from domain.identity.feature import Feature, clean_key
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit
from usecases.identity.administration.views import FeatureView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class CreateFeature:
    actor: Actor
    key: str
    name: str
    description: str | None = None
    enabled: bool = True
    requires_grant: bool = False


class CreateFeatureHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: CreateFeature) -> FeatureView:
        authorize(cmd.actor, FEATURES_MANAGE)
        now = self._clock.now()
        feature = Feature(
            key=clean_key(cmd.key),
            name=clean_name(cmd.name),
            description=clean_description(cmd.description),
            enabled=cmd.enabled,
            requires_grant=cmd.requires_grant,
            created_at=now,
            updated_at=now,
        )
        async with self._uow as uow:
            await uow.features.add(feature)  # a taken key: 409 naming key
            audit(uow, cmd.actor, "feature_created", feature.code, now=now)
            await uow.commit()
        return FeatureView.of(feature)
