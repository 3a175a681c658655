"""Unit of work of the notifications context."""

from __future__ import annotations

from adapters.persistence.notifications.in_app_repository import SqlInAppRepository
from adapters.persistence.notifications.preference_repository import SqlPreferenceRepository
from adapters.persistence.unit_of_work import SqlAlchemyUnitOfWork


class NotificationsUnitOfWork(SqlAlchemyUnitOfWork):
    @property
    def in_app(self) -> SqlInAppRepository:
        return SqlInAppRepository(self.session)

    @property
    def preferences(self) -> SqlPreferenceRepository:
        return SqlPreferenceRepository(self.session)
