"""The KYC context's implementation of the shared KycGate port: the level comes from the steps'
states (the source of truth; ``users.kyc_level`` is the copy for identity's views), the level
each capability needs from settings."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType

from domain.kyc.levels import level_of
from domain.shared.ids import UserId
from usecases.kyc.ports import KycUnitOfWork
from usecases.kyc.public.kyc_gate import KycLevelRequired, KycLevels


class KycLevelGate:
    def __init__(
        self, uow_factory: Callable[[], KycUnitOfWork], required_levels: Mapping[str, int]
    ) -> None:
        self._uow_factory = uow_factory
        self._required = MappingProxyType(dict(required_levels))

    @property
    def required_levels(self) -> Mapping[str, int]:
        return self._required

    async def level(self, user_id: UserId) -> int:
        async with self._uow_factory() as uow:
            return level_of(await uow.submissions.states(user_id))

    async def require(self, user_id: UserId, capability: str) -> None:
        needed = self._needed(capability)
        self._check(capability, needed, await self.level(user_id))

    async def require_within(self, levels: KycLevels, user_id: UserId, capability: str) -> None:
        needed = self._needed(capability)
        self._check(capability, needed, await levels.level(user_id))

    def _needed(self, capability: str) -> int:
        needed = self._required.get(capability)
        if needed is None:
            raise LookupError(f"no KYC level is configured for the capability {capability!r}")
        return needed

    @staticmethod
    def _check(capability: str, needed: int, current: int) -> None:
        if current < needed:
            raise KycLevelRequired(capability, required=needed, current=current)
