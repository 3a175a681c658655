"""Switch a feature on or off, open it to everyone or to granted users only, rename it."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import FEATURES_MANAGE
from domain.identity.branch import clean_description, clean_name
from domain.shared.actor import Actor
from domain.shared.clock import Clock
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.admin_support import audit, feature_by_code
from usecases.identity.administration.views import FeatureView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class UpdateFeature:
    actor: Actor
    feature_code: str
    name: str | None = None
    description: str | None = None
    enabled: bool | None = None
    requires_grant: bool | None = None


class UpdateFeatureHandler:
    def __init__(self, *, uow: IdentityUnitOfWork, clock: Clock) -> None:
        self._uow = uow
        self._clock = clock

    async def execute(self, cmd: UpdateFeature) -> FeatureView:
        authorize(cmd.actor, FEATURES_MANAGE)
        now = self._clock.now()
        async with self._uow as uow:
            feature = await feature_by_code(uow, cmd.feature_code, for_update=True)
            if cmd.name is not None:
                feature.name = clean_name(cmd.name)
            if cmd.description is not None:
                feature.description = clean_description(cmd.description)
            if cmd.enabled is not None:
                feature.enabled = cmd.enabled
            if cmd.requires_grant is not None:
                feature.requires_grant = cmd.requires_grant
            feature.updated_at = now
            await uow.features.save(feature)
            audit(
                uow,
                cmd.actor,
                "feature_updated",
                feature.code,
                now=now,
                details={
                    "enabled": str(feature.enabled),
                    "requires_grant": str(feature.requires_grant),
                },
            )
            await uow.commit()
        return FeatureView.of(feature)
