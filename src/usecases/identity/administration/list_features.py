"""Every feature, by key, a page at a time."""

from __future__ import annotations

from dataclasses import dataclass

from domain.identity.access import FEATURES_READ
from domain.shared.actor import Actor
from domain.shared.pagination import Page, PageRequest
from usecases.identity.access_control.authorization import authorize
from usecases.identity.administration.views import FeatureView
from usecases.identity.ports import IdentityUnitOfWork


@dataclass(frozen=True, slots=True, kw_only=True)
class ListFeatures:
    actor: Actor
    page: PageRequest


class ListFeaturesHandler:
    def __init__(self, *, uow: IdentityUnitOfWork) -> None:
        self._uow = uow

    async def execute(self, cmd: ListFeatures) -> Page[FeatureView]:
        authorize(cmd.actor, FEATURES_READ)
        async with self._uow as uow:
            found = await uow.features.page(cmd.page)
        return Page(items=[FeatureView.of(f) for f in found.items], next_cursor=found.next_cursor)
