"""What registration needs from the outside world: the registration store."""

from __future__ import annotations

from typing import Protocol

from domain.identity.ids import RegistrationId
from domain.identity.registration import Registration


class RegistrationRepository(Protocol):
    async def add(self, registration: Registration) -> None: ...

    async def get_for_update(self, registration_id: RegistrationId) -> Registration | None: ...

    async def get(self, registration_id: RegistrationId) -> Registration | None: ...

    async def save(self, registration: Registration) -> None: ...
